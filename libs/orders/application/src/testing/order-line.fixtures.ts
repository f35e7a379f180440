import { OrderLineState } from '@bascule/orders/domain';
import { Money } from '@bascule/shared/ddd';

/** A order line's state for specs: a value in each field (`variant` picks others), or those given. */
export const aOrderLineState = (overrides: Partial<OrderLineState> = {}, variant = 0): OrderLineState => ({
  sku: variant ? 'Second sku' : 'First sku',
  quantity: variant ? 43 : 42,
  unitPrice: variant
    ? Money.fromJSON({ amount: 1251, currency: 'EUR' })
    : Money.fromJSON({ amount: 1250, currency: 'EUR' }),
  lineTotal: variant
    ? Money.fromJSON({ amount: 1251, currency: 'EUR' })
    : Money.fromJSON({ amount: 1250, currency: 'EUR' }),
  vatRate: variant ? 550 : 2000,
  ...overrides,
});
