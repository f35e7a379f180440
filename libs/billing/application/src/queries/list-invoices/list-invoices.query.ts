import { Query } from '@nestjs/cqrs';
import { InvoiceFilter, InvoicePage } from '../../ports/invoice-read-model';

export class ListInvoicesQuery extends Query<InvoicePage> {
  constructor(readonly filter: InvoiceFilter) {
    super();
  }
}
