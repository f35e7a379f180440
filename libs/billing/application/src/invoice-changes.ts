import { Inject, Injectable } from '@nestjs/common';
import { Invoice, InvoiceNotFound } from '@bascule/billing/domain';
import { AggregateChanges } from '@bascule/shared/application';
import { INVOICE_REPOSITORY, InvoiceRepository } from './ports/invoice.repository';

/** The load → check version → change → save sequence, for invoices. */
@Injectable()
export class InvoiceChanges extends AggregateChanges<Invoice> {
  constructor(@Inject(INVOICE_REPOSITORY) repository: InvoiceRepository) {
    super(repository, { name: 'invoice', notFound: (id) => new InvoiceNotFound(id) });
  }
}
