import { Query } from '@nestjs/cqrs';
import { InvoicePage } from '../../ports/invoice-read-model';

export class ListInvoicesQuery extends Query<InvoicePage> {
  constructor(readonly filter: { cursor?: string; limit: number }) {
    super();
  }
}
