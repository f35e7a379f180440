import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { INVOICE_READ_MODEL, InvoicePage, InvoiceReadModel } from '../../ports/invoice-read-model';
import { ListInvoicesQuery } from './list-invoices.query';

@QueryHandler(ListInvoicesQuery)
export class ListInvoicesHandler implements IQueryHandler<ListInvoicesQuery, InvoicePage> {
  constructor(@Inject(INVOICE_READ_MODEL) private readonly readModel: InvoiceReadModel) {}

  execute({ filter }: ListInvoicesQuery): Promise<InvoicePage> {
    return this.readModel.list(filter);
  }
}
