import { AggregateRoot, Clock, Money } from '@bascule/shared/ddd';
import { OrderId } from './order-id';
import { OrderEvent } from './order.events';
import { OrderLine, OrderLineId } from './order-line';
import { OrderLineIdTaken, OrderInvalidState } from './order.errors';

export const ORDER_STATUS_VALUES = ['PENDING', 'CONFIRMED', 'REJECTED', 'SHIPPED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUS_VALUES)[number];

export interface OrderState {
  clientId: string;
  total: Money;
  status: OrderStatus;
  reason: string | null;
}

/** The orders context's order. Commands that would change nothing record nothing. */
export class Order extends AggregateRoot<OrderId, OrderEvent> {
  private constructor(
    id: OrderId,
    version: number,
    private state: OrderState,
    private readonly clock: Clock,
    private currentOrderLines: OrderLine[] = [],
  ) {
    super(id, version);
  }

  static create(id: OrderId, state: OrderState, clock: Clock): Order {
    const order = new Order(id, 0, { ...state }, clock);
    order.recordEvent({ type: 'OrderCreated', ...state }, clock.now());
    return order;
  }

  static reconstitute(
    id: OrderId,
    version: number,
    state: OrderState,
    clock: Clock,
    orderLines: OrderLine[] = [],
  ): Order {
    return new Order(id, version, state, clock, orderLines);
  }

  get snapshot(): Readonly<OrderState> {
    return this.state;
  }

  get orderLines(): readonly OrderLine[] {
    return this.currentOrderLines;
  }

  /** Adds one order line: records OrderLineAdded; nothing when it is there with the same values; refused when its id is there with others. */
  addOrderLine(change: {
    orderLineId: string;
    sku: string;
    quantity: number;
    unitPrice: Money;
    lineTotal: Money;
  }): void {
    const { orderLineId, ...state } = change;
    const added = OrderLine.of(OrderLineId.of(orderLineId), state);
    const present = this.currentOrderLines.find((orderLine) => orderLine.equals(added));
    if (present?.sameAs(added)) return;
    if (present) throw new OrderLineIdTaken(this.id.value, orderLineId);
    this.currentOrderLines = [...this.currentOrderLines, added];
    this.recordEvent(
      {
        type: 'OrderLineAdded',
        orderLineId,
        sku: state.sku,
        quantity: state.quantity,
        unitPrice: state.unitPrice,
        lineTotal: state.lineTotal,
      },
      this.clock.now(),
    );
  }

  /** Removes one order line: records OrderLineRemoved; nothing when it is not there. */
  removeOrderLine({ orderLineId }: { orderLineId: string }): void {
    const next = this.currentOrderLines.filter((orderLine) => orderLine.id.value !== orderLineId);
    if (next.length === this.currentOrderLines.length) return;
    this.currentOrderLines = next;
    this.recordEvent({ type: 'OrderLineRemoved', orderLineId }, this.clock.now());
  }

  /** confirm order (from PENDING) → CONFIRMED: records OrderConfirmed when it changes the state. */
  confirmOrder(): void {
    if (!(['PENDING'] as (string | null)[]).includes(this.state.status))
      throw new OrderInvalidState(this.id.value, String(this.state.status), 'confirm-order');
    const next: OrderState = { ...this.state, status: 'CONFIRMED' };
    if (next.status === this.state.status) return;
    this.state = next;
    this.recordEvent({ type: 'OrderConfirmed', status: next.status }, this.clock.now());
  }

  /** reject order (from PENDING) → REJECTED: records OrderRejected when it changes the state. */
  rejectOrder(change: { reason: string }): void {
    if (!(['PENDING'] as (string | null)[]).includes(this.state.status))
      throw new OrderInvalidState(this.id.value, String(this.state.status), 'reject-order');
    const next: OrderState = { ...this.state, status: 'REJECTED', reason: change.reason };
    if (next.status === this.state.status && next.reason === this.state.reason) return;
    this.state = next;
    this.recordEvent({ type: 'OrderRejected', status: next.status, reason: change.reason }, this.clock.now());
  }

  /** ship order (from CONFIRMED) → SHIPPED: records OrderShipped when it changes the state. */
  shipOrder(): void {
    if (!(['CONFIRMED'] as (string | null)[]).includes(this.state.status))
      throw new OrderInvalidState(this.id.value, String(this.state.status), 'ship-order');
    const next: OrderState = { ...this.state, status: 'SHIPPED' };
    if (next.status === this.state.status) return;
    this.state = next;
    this.recordEvent({ type: 'OrderShipped', status: next.status }, this.clock.now());
  }

  /** cancel order (from PENDING, CONFIRMED) → CANCELLED: records OrderCanceled when it changes the state. */
  cancelOrder(change: { reason: string }): void {
    if (!(['PENDING', 'CONFIRMED'] as (string | null)[]).includes(this.state.status))
      throw new OrderInvalidState(this.id.value, String(this.state.status), 'cancel-order');
    const next: OrderState = { ...this.state, status: 'CANCELLED', reason: change.reason };
    if (next.status === this.state.status && next.reason === this.state.reason) return;
    this.state = next;
    this.recordEvent({ type: 'OrderCanceled', status: next.status, reason: change.reason }, this.clock.now());
  }
}
