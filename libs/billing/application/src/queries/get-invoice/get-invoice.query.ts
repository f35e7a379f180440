import { Query } from '@nestjs/cqrs';
import { InvoiceView } from '../../ports/invoice-read-model';

export class GetInvoiceQuery extends Query<InvoiceView> {
  constructor(readonly id: string) {
    super();
  }
}
