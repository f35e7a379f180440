import { StockItemPage, StockItemReadModel, StockItemView } from '../ports/stock-item-read-model';

/** The read-model port in memory, for query handler specs. */
export class InMemoryStockItemReadModel implements StockItemReadModel {
  constructor(private readonly views: StockItemView[] = []) {}

  async get(id: string): Promise<StockItemView | undefined> {
    return this.views.find((view) => view.id === id);
  }

  async list({ cursor, limit }: { cursor?: string; limit: number }): Promise<StockItemPage> {
    const start = cursor ? this.views.findIndex((view) => view.id === cursor) + 1 : 0;
    const items = this.views.slice(start, start + limit);
    return { items, nextCursor: start + limit < this.views.length ? items[items.length - 1].id : null };
  }
}

export const aStockItemView = (overrides: Partial<StockItemView> = {}): StockItemView => ({
  id: '3f2b8e1c-7a4d-4c2e-9b1f-5d6e7f8a9b0c',
  version: 1,
  sku: 'First sku',
  label: 'First label',
  unitPrice: { amount: 1250, currency: 'EUR' },
  vatRate: 2000,
  onHand: 42,
  reserved: 2,
  available: 40,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});
