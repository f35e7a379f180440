import { FixedClock, Money } from '@bascule/shared/ddd';
import { Order, OrderState } from './order';
import { OrderId } from './order-id';

describe('Order', () => {
  const state: OrderState = {
    clientId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
    total: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
    status: 'PENDING',
    reason: 'Some reason text',
  };

  it('is created at version 1 with a OrderCreated event carrying its state', () => {
    const clock = new FixedClock(new Date('2026-03-01T10:00:00Z'));
    const order = Order.create(OrderId.generate(), state, clock);
    expect(order.version).toBe(1);
    expect(order.snapshot).toEqual(state);
    expect(order.pendingEvents).toEqual([
      { type: 'OrderCreated', aggregateId: order.id.value, aggregateVersion: 1, occurredAt: clock.now(), ...state },
    ]);
  });
});
