import { OrderFilter, OrderPage, OrderReadModel, OrderView } from '../ports/order-read-model';

/** The read-model port in memory, for query handler specs. */
export class InMemoryOrderReadModel implements OrderReadModel {
  constructor(private readonly views: OrderView[] = []) {}

  async get(id: string): Promise<OrderView | undefined> {
    return this.views.find((view) => view.id === id);
  }

  async list({ clientId, status, cursor, limit }: OrderFilter): Promise<OrderPage> {
    const views = this.views.filter(
      (view) => (!clientId || view.clientId === clientId) && (!status || view.status === status),
    );
    const start = cursor ? views.findIndex((view) => view.id === cursor) + 1 : 0;
    const items = views.slice(start, start + limit);
    return { items, nextCursor: start + limit < views.length ? items[items.length - 1].id : null };
  }
}

export const aOrderView = (overrides: Partial<OrderView> = {}): OrderView => ({
  id: '3f2b8e1c-7a4d-4c2e-9b1f-5d6e7f8a9b0c',
  version: 1,
  clientId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
  total: { amount: 1250, currency: 'EUR' },
  totalInclVat: { amount: 1500, currency: 'EUR' },
  status: 'PENDING',
  reason: 'Some reason text',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  orderLines: [],
  ...overrides,
});
