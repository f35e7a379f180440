import { AggregateRoot, Clock } from '@bascule/shared/ddd';
import { StockReservationId } from './stock-reservation-id';
import { StockReservationEvent } from './stock-reservation.events';
import { StockReservationLine, StockReservationLineId } from './stock-reservation-line';
import { StockReservationLineIdTaken, StockReservationInvalidState } from './stock-reservation.errors';

export const STOCK_RESERVATION_STATUS_VALUES = ['RESERVED', 'REJECTED', 'RELEASED', 'COMMITTED'] as const;
export type StockReservationStatus = (typeof STOCK_RESERVATION_STATUS_VALUES)[number];

export interface StockReservationState {
  status: StockReservationStatus;
}

/** The inventory context's stock reservation. Commands that would change nothing record nothing. */
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

  static create(id: StockReservationId, state: StockReservationState, clock: Clock): StockReservation {
    const stockReservation = new StockReservation(id, 0, { ...state }, clock);
    stockReservation.recordEvent({ type: 'StockReservationCreated', ...state }, clock.now());
    return stockReservation;
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

  get snapshot(): Readonly<StockReservationState> {
    return this.state;
  }

  get stockReservationLines(): readonly StockReservationLine[] {
    return this.currentStockReservationLines;
  }

  /** Adds one stock reservation line: records StockReservationLineAdded; nothing when it is there with the same values; refused when its id is there with others. */
  addStockReservationLine(change: { stockReservationLineId: string; sku: string; quantity: number }): void {
    const { stockReservationLineId, ...state } = change;
    const added = StockReservationLine.of(StockReservationLineId.of(stockReservationLineId), state);
    const present = this.currentStockReservationLines.find((stockReservationLine) =>
      stockReservationLine.equals(added),
    );
    if (present?.sameAs(added)) return;
    if (present) throw new StockReservationLineIdTaken(this.id.value, stockReservationLineId);
    this.currentStockReservationLines = [...this.currentStockReservationLines, added];
    this.recordEvent(
      { type: 'StockReservationLineAdded', stockReservationLineId, sku: state.sku, quantity: state.quantity },
      this.clock.now(),
    );
  }

  /** Removes one stock reservation line: records StockReservationLineRemoved; nothing when it is not there. */
  removeStockReservationLine({ stockReservationLineId }: { stockReservationLineId: string }): void {
    const next = this.currentStockReservationLines.filter(
      (stockReservationLine) => stockReservationLine.id.value !== stockReservationLineId,
    );
    if (next.length === this.currentStockReservationLines.length) return;
    this.currentStockReservationLines = next;
    this.recordEvent({ type: 'StockReservationLineRemoved', stockReservationLineId }, this.clock.now());
  }

  /** release stock reservation (from RESERVED) → RELEASED: records StockReservationReleased when it changes the state. */
  releaseStockReservation(): void {
    if (!(['RESERVED'] as (string | null)[]).includes(this.state.status))
      throw new StockReservationInvalidState(this.id.value, String(this.state.status), 'release-stock-reservation');
    const next: StockReservationState = { ...this.state, status: 'RELEASED' };
    if (next.status === this.state.status) return;
    this.state = next;
    this.recordEvent({ type: 'StockReservationReleased', status: next.status }, this.clock.now());
  }

  /** commit stock reservation (from RESERVED) → COMMITTED: records StockReservationCommitted when it changes the state. */
  commitStockReservation(): void {
    if (!(['RESERVED'] as (string | null)[]).includes(this.state.status))
      throw new StockReservationInvalidState(this.id.value, String(this.state.status), 'commit-stock-reservation');
    const next: StockReservationState = { ...this.state, status: 'COMMITTED' };
    if (next.status === this.state.status) return;
    this.state = next;
    this.recordEvent({ type: 'StockReservationCommitted', status: next.status }, this.clock.now());
  }
}
