import { OrderState } from '@bascule/orders/domain';
import { Money } from '@bascule/shared/ddd';

/** A order's state for specs: a value in each field, or those given. */
export const aOrderState = (overrides: Partial<OrderState> = {}): OrderState => ({
  clientId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
  total: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
  status: 'PENDING',
  reason: 'Some reason text',
  ...overrides,
});
