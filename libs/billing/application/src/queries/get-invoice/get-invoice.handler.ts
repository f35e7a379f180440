import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InvoiceNotFound } from '@bascule/billing/domain';
import { INVOICE_READ_MODEL, InvoiceReadModel, InvoiceView } from '../../ports/invoice-read-model';
import { GetInvoiceQuery } from './get-invoice.query';

@QueryHandler(GetInvoiceQuery)
export class GetInvoiceHandler implements IQueryHandler<GetInvoiceQuery, InvoiceView> {
  constructor(@Inject(INVOICE_READ_MODEL) private readonly readModel: InvoiceReadModel) {}

  async execute({ id }: GetInvoiceQuery): Promise<InvoiceView> {
    const view = await this.readModel.get(id);
    if (!view) throw new InvoiceNotFound(id);
    return view;
  }
}
