import { Entity, Money, TypedId } from '@bascule/shared/ddd';

export class InvoiceLineId extends TypedId {
  static generate(): InvoiceLineId {
    return new InvoiceLineId(TypedId.newUuid());
  }

  static of(value: string): InvoiceLineId {
    return new InvoiceLineId(value);
  }
}

export interface InvoiceLineState {
  sku: string;
  quantity: number;
  unitPrice: Money;
  vatRate: number;
  lineExclVat: Money;
}

/**
 * One invoice line of one invoice, known by its id within it. It changes only through its
 * Invoice, which records the event (rules across its invoice lines live there).
 */
export class InvoiceLine extends Entity<InvoiceLineId> {
  private constructor(
    id: InvoiceLineId,
    private readonly state: InvoiceLineState,
  ) {
    super(id);
  }

  /** A invoice line holding `state`, once its own rules hold. */
  static of(id: InvoiceLineId, state: InvoiceLineState): InvoiceLine {
    InvoiceLine.check(state);
    return new InvoiceLine(id, { ...state });
  }

  /** The rules of one invoice line, whatever its invoice: throw a DomainError when `_state` breaks one. */
  private static check(_state: InvoiceLineState): void {
    // None yet: the generator wrote the types; the rules are the domain's.
  }

  get snapshot(): Readonly<InvoiceLineState> {
    return this.state;
  }

  /** The same id and the same values (Money by value, timestamps by instant). */
  sameAs(other: InvoiceLine): boolean {
    return (
      this.id.equals(other.id) &&
      this.state.sku === other.state.sku &&
      this.state.quantity === other.state.quantity &&
      this.state.unitPrice.equals(other.state.unitPrice) &&
      this.state.vatRate === other.state.vatRate &&
      this.state.lineExclVat.equals(other.state.lineExclVat)
    );
  }
}
