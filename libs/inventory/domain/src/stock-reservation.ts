import { AggregateRoot, Clock, InvalidValueError } from '@bascule/shared/ddd';
import { StockItem } from './stock-item';
import { StockReservationId } from './stock-reservation-id';
import { StockReservationLine, StockReservationLineId } from './stock-reservation-line';
import { StockReservationInvalidState } from './stock-reservation.errors';
import { StockReservationEvent } from './stock-reservation.events';

export const STOCK_RESERVATION_STATUS_VALUES = ['RESERVED', 'REJECTED', 'RELEASED', 'COMMITTED'] as const;
export type StockReservationStatus = (typeof STOCK_RESERVATION_STATUS_VALUES)[number];

export interface StockReservationState {
  status: StockReservationStatus;
}

/** A line an order asks for. */
export interface RequestedLine {
  sku: string;
  quantity: number;
}

/** A line the stock could not cover: the sku, what was asked, what was available (0 for an unknown sku). */
export interface ShortLine {
  sku: string;
  requested: number;
  available: number;
}

export const MAX_RESERVATION_LINES = 100;
export const INSUFFICIENT_STOCK = 'INSUFFICIENT_STOCK';

/**
 * The stock one order holds: all its lines reserved, or none (REJECTED, with the lines short). Released
 * (RELEASED) or shipped (COMMITTED) once, as a whole; a repeated release or commit changes nothing.
 */
export class StockReservation extends AggregateRoot<StockReservationId, StockReservationEvent> {
  private constructor(
    id: StockReservationId,
    version: number,
    private state: StockReservationState,
    private readonly clock: Clock,
    private currentStockReservationLines: StockReservationLine[] = [],
  ) {
    super(id, version);
  }

  /**
   * Reserves every line on its stock item (`stock`: the items of the lines' skus, by sku), or none of them when
   * one line is short; the refusal is this reservation, REJECTED, with a StockReservationRejected event.
   */
  static reserve(
    orderId: string,
    lines: readonly RequestedLine[],
    stock: ReadonlyMap<string, StockItem>,
    clock: Clock,
  ): StockReservation {
    StockReservation.checkLines(lines);
    const short: ShortLine[] = lines
      .map(({ sku, quantity }) => ({ sku, requested: quantity, available: stock.get(sku)?.available ?? 0 }))
      .filter(({ requested, available }) => requested > available);
    const id = StockReservationId.forOrder(orderId);
    const children = lines.map((line, index) =>
      StockReservationLine.of(StockReservationLineId.forLine(id.value, index), { ...line }),
    );
    const status: StockReservationStatus = short.length ? 'REJECTED' : 'RESERVED';
    const reservation = new StockReservation(id, 0, { status }, clock, children);
    const plainLines = lines.map(({ sku, quantity }) => ({ sku, quantity }));
    if (short.length) {
      reservation.recordEvent(
        { type: 'StockReservationRejected', reason: INSUFFICIENT_STOCK, lines: plainLines, shortLines: short },
        clock.now(),
      );
      return reservation;
    }
    for (const line of children)
      reservation.itemOf(stock, line).reserve({ orderId: id.value, quantity: line.snapshot.quantity });
    reservation.recordEvent({ type: 'StockReservationCreated', status, lines: plainLines }, clock.now());
    return reservation;
  }

  static reconstitute(
    id: StockReservationId,
    version: number,
    state: StockReservationState,
    clock: Clock,
    stockReservationLines: StockReservationLine[] = [],
  ): StockReservation {
    return new StockReservation(id, version, state, clock, stockReservationLines);
  }

  /** Rule: 1 to 100 lines, one per sku (quantities are each line's rule). */
  private static checkLines(lines: readonly RequestedLine[]): void {
    if (lines.length < 1 || lines.length > MAX_RESERVATION_LINES)
      throw new InvalidValueError('lines', `a reservation holds 1 to ${MAX_RESERVATION_LINES} lines`);
    const skus = new Set(lines.map((line) => line.sku));
    if (skus.size !== lines.length) throw new InvalidValueError('lines', 'one line per sku');
  }

  get snapshot(): Readonly<StockReservationState> {
    return this.state;
  }

  get stockReservationLines(): readonly StockReservationLine[] {
    return this.currentStockReservationLines;
  }

  /** The skus whose stock items a release or a commit changes. */
  get skus(): string[] {
    return this.currentStockReservationLines.map((line) => line.snapshot.sku);
  }

  /** release stock reservation (from RESERVED) → RELEASED: gives every line's units back; nothing once released or rejected. */
  releaseStockReservation(stock: ReadonlyMap<string, StockItem>): void {
    if (this.state.status === 'RELEASED' || this.state.status === 'REJECTED') return;
    if (this.state.status !== 'RESERVED')
      throw new StockReservationInvalidState(this.id.value, this.state.status, 'release-stock-reservation');
    for (const line of this.currentStockReservationLines)
      this.itemOf(stock, line).release({ orderId: this.id.value, quantity: line.snapshot.quantity });
    this.state = { ...this.state, status: 'RELEASED' };
    this.recordEvent({ type: 'StockReservationReleased', status: 'RELEASED' }, this.clock.now());
  }

  /** commit stock reservation (from RESERVED) → COMMITTED: the reserved units leave the stock; nothing once committed. */
  commitStockReservation(stock: ReadonlyMap<string, StockItem>): void {
    if (this.state.status === 'COMMITTED') return;
    if (this.state.status !== 'RESERVED')
      throw new StockReservationInvalidState(this.id.value, this.state.status, 'commit-stock-reservation');
    for (const line of this.currentStockReservationLines)
      this.itemOf(stock, line).ship({ orderId: this.id.value, quantity: line.snapshot.quantity });
    this.state = { ...this.state, status: 'COMMITTED' };
    this.recordEvent({ type: 'StockReservationCommitted', status: 'COMMITTED' }, this.clock.now());
  }

  private itemOf(stock: ReadonlyMap<string, StockItem>, line: StockReservationLine): StockItem {
    const item = stock.get(line.snapshot.sku);
    if (!item) throw new Error(`stock item ${line.snapshot.sku} of reservation ${this.id.value} was not loaded`);
    return item;
  }
}
