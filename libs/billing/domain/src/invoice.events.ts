import { DomainEvent, Money } from '@bascule/shared/ddd';
import type { InvoiceState } from './invoice';
import { InvoiceStatus } from './invoice';
import type { InvoiceLineState } from './invoice-line';

/** The invoice issued, with its lines: one event, one version (its lines never change afterwards). */
export type InvoiceCreated = DomainEvent<'InvoiceCreated'> &
  InvoiceState & { lines: readonly (InvoiceLineState & { invoiceLineId: string })[] };

export interface InvoiceCreditNoteIssued extends DomainEvent<'InvoiceCreditNoteIssued'> {
  creditNoteId: string;
  number: string;
  issuedOn: string;
  amount: Money;
  reason: string;
  creditedInclVat: Money;
  status: InvoiceStatus;
}

export type InvoiceEvent = InvoiceCreated | InvoiceCreditNoteIssued;
