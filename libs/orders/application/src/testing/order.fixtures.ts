import { Order, OrderId, OrderStatus, Placement } from '@bascule/orders/domain';
import { FixedClock, Money } from '@bascule/shared/ddd';

export const A_CLIENT_ID = '5b0f5e4e-8c1d-4a3b-9e2f-000000000000';

/** What placing an order takes, for specs: one line of 2 × 12.50 EUR at 20 % VAT, a card token; or those given. */
export const aPlacement = (overrides: Partial<Placement> = {}): Placement => ({
  clientId: A_CLIENT_ID,
  lines: [{ sku: 'SKU-1', quantity: 2, unitPrice: Money.fromJSON({ amount: 1250, currency: 'EUR' }), vatRate: 2000 }],
  payment: { type: 'card', token: 'tok_ok' },
  ...overrides,
});

/** The commands that lead a placed order to `status`, in order. */
const pathTo: Record<OrderStatus, ((order: Order) => void)[]> = {
  PENDING: [],
  CONFIRMED: [(order) => order.confirmOrder()],
  REJECTED: [(order) => order.rejectOrder({ reason: 'out of stock' })],
  SHIPPED: [(order) => order.confirmOrder(), (order) => order.shipOrder()],
  CANCELLING: [(order) => order.confirmOrder(), (order) => order.cancelOrder({ reason: 'changed my mind' })],
  CANCELLED: [(order) => order.cancelOrder({ reason: 'changed my mind' })],
};

/** A new order in `status`, reached as the domain allows (its events pending). */
export const anOrderIn = (status: OrderStatus, clock = new FixedClock()): Order => {
  const order = Order.place(OrderId.generate(), aPlacement(), clock);
  for (const step of pathTo[status]) step(order);
  return order;
};
