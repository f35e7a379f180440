import { Entity, InvalidValueError, TypedId } from '@bascule/shared/ddd';
import { StockItemRules } from './stock-item.rules';

export const MAX_LINE_QUANTITY = 10_000;

export class StockReservationLineId extends TypedId {
  /** The line's id from its reservation and position: a reservation's lines are set once, when it is made. */
  static forLine(reservationId: string, index: number): StockReservationLineId {
    const hex = (reservationId.replace(/-/g, '').slice(0, 20) + index.toString(16).padStart(12, '0')).toLowerCase();
    return new StockReservationLineId(
      `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    );
  }

  static of(value: string): StockReservationLineId {
    return new StockReservationLineId(value);
  }
}

export interface StockReservationLineState {
  sku: string;
  quantity: number;
}

/**
 * One stock reservation line of one stock reservation, known by its id within it. It changes only through its
 * StockReservation, which records the event (rules across its stock reservation lines live there).
 */
export class StockReservationLine extends Entity<StockReservationLineId> {
  private constructor(
    id: StockReservationLineId,
    private readonly state: StockReservationLineState,
  ) {
    super(id);
  }

  /** A stock reservation line holding `state`, once its own rules hold. */
  static of(id: StockReservationLineId, state: StockReservationLineState): StockReservationLine {
    StockReservationLine.check(state);
    return new StockReservationLine(id, { ...state });
  }

  /** The rules of one stock reservation line, whatever its stock reservation: throw a DomainError when `_state` breaks one. */
  private static check(state: StockReservationLineState): void {
    StockItemRules.movesUnits('quantity', state.quantity);
    if (state.quantity > MAX_LINE_QUANTITY)
      throw new InvalidValueError('quantity', `a line reserves at most ${MAX_LINE_QUANTITY} units`);
  }

  get snapshot(): Readonly<StockReservationLineState> {
    return this.state;
  }

  /** The same id and the same values (Money by value, timestamps by instant). */
  sameAs(other: StockReservationLine): boolean {
    return (
      this.id.equals(other.id) && this.state.sku === other.state.sku && this.state.quantity === other.state.quantity
    );
  }
}
