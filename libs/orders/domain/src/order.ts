import { AggregateRoot, Clock, Money, VatRate, vatTotals } from '@bascule/shared/ddd';
import { OrderId } from './order-id';
import { OrderEvent, PaymentMethod } from './order.events';
import { OrderLine, OrderLineId } from './order-line';
import { OrderInvalidState, OrderLineIdTaken } from './order.errors';
import { assertLineQuantity } from './rules/line-quantity.rule';
import { assertOneCurrency } from './rules/one-currency.rule';
import { assertOrderLines } from './rules/order-lines.rule';
import { orderReason } from './rules/reason.rule';

export const ORDER_STATUS_VALUES = ['PENDING', 'CONFIRMED', 'REJECTED', 'SHIPPED', 'CANCELLING', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUS_VALUES)[number];
export const DEFAULT_ORDER_CURRENCY = 'EUR';

export interface OrderState {
  clientId: string;
  /** The lines' total, excluding VAT. */
  total: Money;
  /**
   * What the client pays: the lines' total with the VAT of each rate, as billing invoices it (ADR 0068). Null for an
   * order the legacy system holds: its lines carry no rate.
   */
  totalInclVat: Money | null;
  status: OrderStatus;
  reason: string | null;
}

/** A line as placed: its sku and quantity from the client, its unit price and VAT rate from the catalogue. */
export interface PricedLine {
  sku: string;
  quantity: number;
  unitPrice: Money;
  vatRate: VatRate;
}

export interface Placement {
  clientId: string;
  currency?: string;
  lines: readonly PricedLine[];
  payment: PaymentMethod;
}

/** States in which the order was confirmed once: a confirmation again is a repeat (ADR 0059). */
const CONFIRMED_ONCE: readonly OrderStatus[] = ['CONFIRMED', 'CANCELLING', 'SHIPPED'];
/** States in which the order is off: a rejection again has nothing to undo. */
const OFF: readonly OrderStatus[] = ['REJECTED', 'CANCELLED'];

/**
 * An order of a client: its lines (priced from the catalogue when placed, never changed after), its total, its
 * state. PENDING → CONFIRMED | REJECTED(reason) | CANCELLED(reason); CONFIRMED → SHIPPED | REJECTED(reason) |
 * CANCELLING(reason), a cancellation requested that a saga refunds and completes → CANCELLED (ADR 0059). Commands
 * that would change nothing record nothing: a saga's repeated command is answered as done.
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
    const totals = vatTotals(
      lines.map((line, index) => ({ vatRate: placement.lines[index].vatRate, lineExclVat: line.snapshot.lineTotal })),
      currency,
    );
    const state: OrderState = {
      clientId: placement.clientId,
      total: totals.totalExclVat,
      totalInclVat: totals.totalInclVat,
      status: 'PENDING',
      reason: null,
    };
    const order = new Order(id, 0, state, clock, lines);
    order.recordEvent(
      {
        type: 'OrderPlaced',
        ...state,
        lines: lines.map((line, index) => ({
          orderLineId: line.id.value,
          ...line.snapshot,
          vatRate: placement.lines[index].vatRate,
        })),
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
    const order = new Order(id, 0, { ...held, totalInclVat: null, reason: null }, clock);
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

  /** confirm order (from PENDING) → CONFIRMED: records OrderConfirmed; nothing when it was confirmed already. */
  confirmOrder(): void {
    if (CONFIRMED_ONCE.includes(this.state.status)) return;
    this.assertIn(['PENDING'], 'confirm-order');
    this.state = { ...this.state, status: 'CONFIRMED' };
    this.recordEvent({ type: 'OrderConfirmed', status: 'CONFIRMED' }, this.clock.now());
  }

  /**
   * reject order (from PENDING, or CONFIRMED when its payment could not be captured) → REJECTED: records
   * OrderRejected; nothing when the order is off already (REJECTED, CANCELLED): a compensation with nothing to undo.
   */
  rejectOrder(change: { reason: string }): void {
    const reason = orderReason(change.reason);
    if (OFF.includes(this.state.status)) return;
    this.assertIn(['PENDING', 'CONFIRMED'], 'reject-order');
    this.state = { ...this.state, status: 'REJECTED', reason };
    this.recordEvent({ type: 'OrderRejected', status: 'REJECTED', reason }, this.clock.now());
  }

  /** ship order (from CONFIRMED) → SHIPPED: records OrderShipped. */
  shipOrder(): void {
    this.assertIn(['CONFIRMED'], 'ship-order');
    this.state = { ...this.state, status: 'SHIPPED' };
    this.recordEvent({ type: 'OrderShipped', status: 'SHIPPED' }, this.clock.now());
  }

  /**
   * The client cancels: a PENDING order at once → CANCELLED (OrderCanceled); a CONFIRMED one, paid for, only asks
   * → CANCELLING (OrderCancellationRequested, from which a saga refunds it, then completes the cancellation); asked
   * already, nothing more.
   */
  cancelOrder(change: { reason: string }): void {
    const reason = orderReason(change.reason);
    if (this.state.status === 'CANCELLING') return;
    this.assertIn(['PENDING', 'CONFIRMED'], 'cancel-order');
    const at = this.clock.now();
    if (this.state.status === 'PENDING') {
      this.state = { ...this.state, status: 'CANCELLED', reason };
      this.recordEvent({ type: 'OrderCanceled', status: 'CANCELLED', reason }, at);
      return;
    }
    this.state = { ...this.state, status: 'CANCELLING', reason };
    const { total, totalInclVat } = this.state;
    this.recordEvent({ type: 'OrderCancellationRequested', reason, total, totalInclVat }, at);
  }

  /** The cancellation saga, its refunds done: CANCELLING → CANCELLED (OrderCanceled, the client's reason); done once. */
  completeCancellation(): void {
    if (this.state.status === 'CANCELLED') return;
    this.assertIn(['CANCELLING'], 'cancel-order');
    const reason = this.state.reason ?? 'cancelled';
    this.state = { ...this.state, status: 'CANCELLED', reason };
    this.recordEvent({ type: 'OrderCanceled', status: 'CANCELLED', reason }, this.clock.now());
  }

  private assertIn(allowed: readonly OrderStatus[], command: string): void {
    if (!allowed.includes(this.state.status)) throw new OrderInvalidState(this.id.value, this.state.status, command);
  }

  /** sync from legacy: records OrderSyncedFromLegacy when it changes the state. */
  syncFromLegacy(change: { clientId: string; total: Money; status: OrderStatus }): void {
    // Legacy shows a cancellation under way as validated (V): that is no news, the saga still runs.
    const status = this.state.status === 'CANCELLING' && change.status === 'CONFIRMED' ? 'CANCELLING' : change.status;
    const next: OrderState = { ...this.state, clientId: change.clientId, total: change.total, status };
    if (
      next.clientId === this.state.clientId &&
      next.total.equals(this.state.total) &&
      next.status === this.state.status
    )
      return;
    this.state = next;
    this.recordEvent(
      // What legacy holds, as ever (no v1 event carries CANCELLING, ADR 0059).
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
    const added = OrderLine.of(OrderLineId.of(orderLineId), { ...state, vatRate: null });
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
