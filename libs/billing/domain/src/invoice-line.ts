import { Entity, InvalidValueError, Money, TypedId } from '@bascule/shared/ddd';
import { assertFrenchVatRate } from './vat';

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

  /** A line bills at least one unit, at a French VAT rate, and its total excluding VAT is unit price × quantity. */
  private static check(state: InvoiceLineState): void {
    if (!Number.isInteger(state.quantity) || state.quantity < 1)
      throw new InvalidValueError('quantity', 'an invoice line bills at least one unit');
    assertFrenchVatRate(state.vatRate);
    if (!state.lineExclVat.equals(state.unitPrice.multiply(state.quantity)))
      throw new InvalidValueError('lineExclVat', 'a line total excluding VAT is its unit price × its quantity');
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
