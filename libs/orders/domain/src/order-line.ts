import { Entity, Money, TypedId, VatRate } from '@bascule/shared/ddd';
import { assertLineUnits } from './rules/line-units.rule';
import { assertLineTotal } from './rules/line-total.rule';

export class OrderLineId extends TypedId {
  static generate(): OrderLineId {
    return new OrderLineId(TypedId.newUuid());
  }

  static of(value: string): OrderLineId {
    return new OrderLineId(value);
  }
}

export interface OrderLineState {
  sku: string;
  quantity: number;
  unitPrice: Money;
  lineTotal: Money;
  /** The rate it was charged at when placed; null for a line the legacy system holds (it states none). */
  vatRate: VatRate | null;
}

/**
 * One order line of one order, known by its id within it. It changes only through its
 * Order, which records the event (rules across its order lines live there).
 */
export class OrderLine extends Entity<OrderLineId> {
  private constructor(
    id: OrderLineId,
    private readonly state: OrderLineState,
  ) {
    super(id);
  }

  /** A order line holding `state`, once its own rules hold. */
  static of(id: OrderLineId, state: OrderLineState): OrderLine {
    OrderLine.check(state);
    return new OrderLine(id, { ...state });
  }

  /** The rules of any order line, placed here or held by the legacy system. */
  private static check(state: OrderLineState): void {
    assertLineUnits(state.quantity);
    assertLineTotal(state.unitPrice, state.quantity, state.lineTotal);
  }

  get snapshot(): Readonly<OrderLineState> {
    return this.state;
  }

  /** The same id and the same values (Money by value, timestamps by instant). */
  sameAs(other: OrderLine): boolean {
    return (
      this.id.equals(other.id) &&
      this.state.sku === other.state.sku &&
      this.state.quantity === other.state.quantity &&
      this.state.unitPrice.equals(other.state.unitPrice) &&
      this.state.lineTotal.equals(other.state.lineTotal) &&
      this.state.vatRate === other.state.vatRate
    );
  }
}
