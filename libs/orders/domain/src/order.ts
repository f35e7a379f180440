import { AggregateRoot, Clock, Money } from '@bascule/shared/ddd';
import { OrderId } from './order-id';
import { OrderEvent, PaymentMethod } from './order.events';
import { OrderLine, OrderLineId } from './order-line';
import { OrderInvalidState, OrderLineIdTaken } from './order.errors';
import { assertLineQuantity } from './rules/line-quantity.rule';
import { assertOneCurrency } from './rules/one-currency.rule';
import { assertOrderLines } from './rules/order-lines.rule';
import { orderReason } from './rules/reason.rule';

export const ORDER_STATUS_VALUES = ['PENDING', 'CONFIRMED', 'REJECTED', 'SHIPPED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUS_VALUES)[number];
export const DEFAULT_ORDER_CURRENCY = 'EUR';

export interface OrderState {
  clientId: string;
  total: Money;
  status: OrderStatus;
  reason: string | null;
}

/** A line as placed: its sku and quantity from the client, its unit price from the catalogue. */
export interface PricedLine {
  sku: string;
  quantity: number;
  unitPrice: Money;
}

export interface Placement {
  clientId: string;
  currency?: string;
  lines: readonly PricedLine[];
  payment: PaymentMethod;
}

/**
 * An order of a client: its lines (priced from the catalogue when placed, never changed after), its total, its
 * state. PENDING → CONFIRMED | REJECTED(reason); CONFIRMED → SHIPPED; PENDING or CONFIRMED → CANCELLED(reason);
 * a terminal order (REJECTED, SHIPPED, CANCELLED) refuses every change. Commands that would change nothing record
 * nothing.
 */
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

  /** Places an order PENDING, its lines and total computed; the payment method travels in OrderPlaced only. */
  static place(id: OrderId, placement: Placement, clock: Clock): Order {
    const currency = placement.currency ?? DEFAULT_ORDER_CURRENCY;
    assertOrderLines(placement.lines.map((line) => line.sku));
    for (const line of placement.lines) assertLineQuantity(line.quantity);
    assertOneCurrency(
      currency,
      placement.lines.map((line) => line.unitPrice),
    );
    const lines = placement.lines.map((line) =>
      OrderLine.of(OrderLineId.generate(), { ...line, lineTotal: line.unitPrice.multiply(line.quantity) }),
    );
    const state: OrderState = {
      clientId: placement.clientId,
      total: Money.sum(
        lines.map((line) => line.snapshot.lineTotal),
        currency,
      ),
      status: 'PENDING',
      reason: null,
    };
    const order = new Order(id, 0, state, clock, lines);
    order.recordEvent(
      {
        type: 'OrderPlaced',
        ...state,
        lines: lines.map((line) => ({ orderLineId: line.id.value, ...line.snapshot })),
        payment: placement.payment,
      },
      clock.now(),
    );
    return order;
  }

  /**
   * An order as the legacy system holds it (ADR 0046): neither priced from the catalogue nor refused for its client,
   * in whatever state legacy gives it; its lines follow (`addOrderLine`). Records OrderSyncedFromLegacy.
   */
  static fromLegacy(id: OrderId, held: Pick<OrderState, 'clientId' | 'total' | 'status'>, clock: Clock): Order {
    const order = new Order(id, 0, { ...held, reason: null }, clock);
    order.recordEvent({ type: 'OrderSyncedFromLegacy', ...held }, clock.now());
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
    const reason = orderReason(change.reason);
    const next: OrderState = { ...this.state, status: 'REJECTED', reason };
    if (next.status === this.state.status && next.reason === this.state.reason) return;
    this.state = next;
    this.recordEvent({ type: 'OrderRejected', status: next.status, reason }, this.clock.now());
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
    const reason = orderReason(change.reason);
    const next: OrderState = { ...this.state, status: 'CANCELLED', reason };
    if (next.status === this.state.status && next.reason === this.state.reason) return;
    this.state = next;
    this.recordEvent({ type: 'OrderCanceled', status: next.status, reason }, this.clock.now());
  }

  /** sync from legacy: records OrderSyncedFromLegacy when it changes the state. */
  syncFromLegacy(change: { clientId: string; total: Money; status: OrderStatus }): void {
    const next: OrderState = { ...this.state, clientId: change.clientId, total: change.total, status: change.status };
    if (
      next.clientId === this.state.clientId &&
      next.total.equals(this.state.total) &&
      next.status === this.state.status
    )
      return;
    this.state = next;
    this.recordEvent(
      { type: 'OrderSyncedFromLegacy', clientId: change.clientId, total: change.total, status: change.status },
      this.clock.now(),
    );
  }

  /**
   * Adds one order line the legacy system wrote: records OrderLineAdded; nothing when it is there with the same
   * values; refused when its id is there with others (remove it first). A placed order's lines never change here.
   */
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
    this.recordEvent({ type: 'OrderLineAdded', orderLineId, ...state }, this.clock.now());
  }

  /** Removes one order line the legacy system deleted: records OrderLineRemoved; nothing when it is not there. */
  removeOrderLine({ orderLineId }: { orderLineId: string }): void {
    const next = this.currentOrderLines.filter((orderLine) => orderLine.id.value !== orderLineId);
    if (next.length === this.currentOrderLines.length) return;
    this.currentOrderLines = next;
    this.recordEvent({ type: 'OrderLineRemoved', orderLineId }, this.clock.now());
  }
}
