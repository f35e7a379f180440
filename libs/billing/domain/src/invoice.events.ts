import { DomainEvent, Money } from '@bascule/shared/ddd';
import type { InvoiceState } from './invoice';
import { InvoiceStatus } from './invoice';

export type InvoiceCreated = DomainEvent<'InvoiceCreated'> & InvoiceState;

export interface InvoiceLineAdded extends DomainEvent<'InvoiceLineAdded'> {
  invoiceLineId: string;
  sku: string;
  quantity: number;
  unitPrice: Money;
  vatRate: number;
  lineExclVat: Money;
}

export interface InvoiceLineRemoved extends DomainEvent<'InvoiceLineRemoved'> {
  invoiceLineId: string;
}

export interface InvoiceCreditNoteAdded extends DomainEvent<'InvoiceCreditNoteAdded'> {
  creditNoteId: string;
  number: string;
  amount: Money;
  reason: string;
  issuedOn: string;
}

export interface InvoiceCreditNoteRemoved extends DomainEvent<'InvoiceCreditNoteRemoved'> {
  creditNoteId: string;
}

export interface InvoiceCreditNoteIssued extends DomainEvent<'InvoiceCreditNoteIssued'> {
  status: InvoiceStatus;
  amount: Money;
  reason: string;
}

export type InvoiceEvent =
  | InvoiceCreated
  | InvoiceLineAdded
  | InvoiceLineRemoved
  | InvoiceCreditNoteAdded
  | InvoiceCreditNoteRemoved
  | InvoiceCreditNoteIssued;
