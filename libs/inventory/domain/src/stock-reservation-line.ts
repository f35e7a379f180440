import { Entity, TypedId } from '@bascule/shared/ddd';

export class StockReservationLineId extends TypedId {
  static generate(): StockReservationLineId {
    return new StockReservationLineId(TypedId.newUuid());
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
  private static check(_state: StockReservationLineState): void {
    // None yet: the generator wrote the types; the rules are the domain's.
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
