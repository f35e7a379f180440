import { FixedClock, Money } from '@bascule/shared/ddd';
import { Order, OrderState } from './order';
import { OrderId } from './order-id';
import { OrderLineIdTaken } from './order.errors';
import { OrderLine, OrderLineId, OrderLineState } from './order-line';

describe('OrderLine in its Order', () => {
  const clock = new FixedClock(new Date('2026-03-01T10:00:00Z'));
  const root: OrderState = {
    clientId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
    total: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
    status: 'PENDING',
    reason: 'First reason',
  };
  const state: OrderLineState = {
    sku: 'First sku',
    quantity: 42,
    unitPrice: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
    lineTotal: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
  };
  const other: OrderLineState = {
    sku: 'Second sku',
    quantity: 43,
    unitPrice: Money.fromJSON({ amount: 1251, currency: 'EUR' }),
    lineTotal: Money.fromJSON({ amount: 1251, currency: 'EUR' }),
  };
  const orderLineId = '5b0f5e4e-8c1d-4a3b-9e2f-0000000000aa';
  const saved = () => Order.reconstitute(OrderId.generate(), 1, root, clock);

  it('is equal to another by id, the same as another by id and values', () => {
    const one = OrderLine.of(OrderLineId.of(orderLineId), state);
    expect(one.snapshot).toEqual(state);
    expect(one.equals(OrderLine.of(OrderLineId.of(orderLineId), other))).toBe(true);
    expect(one.sameAs(OrderLine.of(OrderLineId.of(orderLineId), { ...state }))).toBe(true);
    expect(one.sameAs(OrderLine.of(OrderLineId.of(orderLineId), other))).toBe(false);
  });

  it('addOrderLine() records OrderLineAdded once: adding the same again changes nothing', () => {
    const order = saved();
    order.addOrderLine({ orderLineId, ...state });
    order.addOrderLine({ orderLineId, ...state });
    expect(order.orderLines.map((e) => e.id.value)).toEqual([orderLineId]);
    expect(order.pendingEvents).toEqual([
      expect.objectContaining({ type: 'OrderLineAdded', aggregateVersion: 2, orderLineId, ...state }),
    ]);
  });

  it('addOrderLine() refuses an id it holds with other values (ORDER.ORDER_LINE_ID_TAKEN)', () => {
    const order = saved();
    order.addOrderLine({ orderLineId, ...state });
    expect(() => order.addOrderLine({ orderLineId, ...other })).toThrow(OrderLineIdTaken);
    expect(order.pendingEvents).toHaveLength(1);
  });

  it('removeOrderLine() records OrderLineRemoved once: removing one it does not hold changes nothing', () => {
    const order = saved();
    order.addOrderLine({ orderLineId, ...state });
    order.removeOrderLine({ orderLineId });
    order.removeOrderLine({ orderLineId });
    expect(order.orderLines).toEqual([]);
    expect(order.pendingEvents.map((event) => event.type)).toEqual(['OrderLineAdded', 'OrderLineRemoved']);
    expect(order.pendingEvents[1]).toMatchObject({ aggregateVersion: 3, orderLineId });
  });
});
