import { MoneyJson } from '@bascule/shared/contracts';
import { InvoiceStatus } from '@bascule/billing/domain';

export interface InvoiceLineView {
  id: string;
  sku: string;
  quantity: number;
  unitPrice: MoneyJson;
  vatRate: number;
  lineExclVat: MoneyJson;
}

export interface CreditNoteView {
  id: string;
  number: string;
  amount: MoneyJson;
  reason: string;
  issuedOn: string;
}

/** The base excluding VAT and the VAT of one rate (ADR 0043): what a French invoice states per rate. */
export interface VatTotalView {
  vatRate: number;
  base: MoneyJson;
  vat: MoneyJson;
}

export interface InvoiceView {
  id: string;
  version: number;
  orderId: string;
  number: string;
  issuedOn: string;
  totalExclVat: MoneyJson;
  totalVat: MoneyJson;
  totalInclVat: MoneyJson;
  creditedInclVat: MoneyJson;
  status: InvoiceStatus;
  invoiceLines: InvoiceLineView[];
  creditNotes: CreditNoteView[];
  vatByRate: VatTotalView[];
  createdAt: string;
  updatedAt: string;
}

export interface InvoicePage {
  items: InvoiceView[];
  nextCursor: string | null;
}

export interface InvoiceFilter {
  orderId?: string;
  cursor?: string;
  limit: number;
}

export interface InvoiceReadModel {
  get(id: string): Promise<InvoiceView | undefined>;
  /** Oldest first, `limit` at a time, after the one `cursor` names. */
  list(filter: InvoiceFilter): Promise<InvoicePage>;
}

export const INVOICE_READ_MODEL = Symbol('InvoiceReadModel');
