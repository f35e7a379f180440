import { PaymentListFilter, PaymentPage, PaymentReadModel, PaymentView } from '../ports/payment-read-model';

/** The read-model port in memory, for query handler specs. */
export class InMemoryPaymentReadModel implements PaymentReadModel {
  constructor(private readonly views: PaymentView[] = []) {}

  async get(id: string): Promise<PaymentView | undefined> {
    return this.views.find((view) => view.id === id);
  }

  async list({ orderId, cursor, limit }: PaymentListFilter): Promise<PaymentPage> {
    const views = orderId ? this.views.filter((view) => view.orderId === orderId) : this.views;
    const start = cursor ? views.findIndex((view) => view.id === cursor) + 1 : 0;
    const items = views.slice(start, start + limit);
    return { items, nextCursor: start + limit < views.length ? items[items.length - 1].id : null };
  }
}

export const aPaymentView = (overrides: Partial<PaymentView> = {}): PaymentView => ({
  id: '3f2b8e1c-7a4d-4c2e-9b1f-5d6e7f8a9b0c',
  version: 1,
  orderId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
  authorizedAmount: { amount: 1250, currency: 'EUR' },
  status: 'AUTHORIZED',
  declineReason: 'First declineReason',
  method: 'CARD',
  cardLast4: 'First cardLast4',
  cardType: 'First cardType',
  maskedIban: null,
  paidOn: null,
  capturedAmount: { amount: 1250, currency: 'EUR' },
  refundedAmount: { amount: 1250, currency: 'EUR' },
  providerReference: 'First providerReference',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});
