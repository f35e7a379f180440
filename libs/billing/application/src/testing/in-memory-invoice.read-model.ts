import { InvoiceFilter, InvoicePage, InvoiceReadModel, InvoiceView } from '../ports/invoice-read-model';

/** The read-model port in memory, for query handler specs. */
export class InMemoryInvoiceReadModel implements InvoiceReadModel {
  constructor(private readonly views: InvoiceView[] = []) {}

  async get(id: string): Promise<InvoiceView | undefined> {
    return this.views.find((view) => view.id === id);
  }

  async list({ orderId, cursor, limit }: InvoiceFilter): Promise<InvoicePage> {
    const views = this.views.filter((view) => orderId === undefined || view.orderId === orderId);
    const start = cursor ? views.findIndex((view) => view.id === cursor) + 1 : 0;
    const items = views.slice(start, start + limit);
    return { items, nextCursor: start + limit < views.length ? items[items.length - 1].id : null };
  }
}

export const aInvoiceView = (overrides: Partial<InvoiceView> = {}): InvoiceView => ({
  id: '3f2b8e1c-7a4d-4c2e-9b1f-5d6e7f8a9b0c',
  version: 1,
  orderId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
  number: 'First number',
  issuedOn: '2026-03-01',
  totalExclVat: { amount: 1250, currency: 'EUR' },
  totalVat: { amount: 1250, currency: 'EUR' },
  totalInclVat: { amount: 1250, currency: 'EUR' },
  creditedInclVat: { amount: 1250, currency: 'EUR' },
  status: 'ISSUED',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  invoiceLines: [],
  creditNotes: [],
  vatByRate: [],
  ...overrides,
});
