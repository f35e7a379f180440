import { Entity, InvalidValueError, Money, TypedId } from '@bascule/shared/ddd';

export class CreditNoteId extends TypedId {
  static generate(): CreditNoteId {
    return new CreditNoteId(TypedId.newUuid());
  }

  static of(value: string): CreditNoteId {
    return new CreditNoteId(value);
  }
}

export interface CreditNoteState {
  number: string;
  amount: Money;
  reason: string;
  issuedOn: string;
}

/**
 * One credit note of one invoice, known by its id within it. It changes only through its
 * Invoice, which records the event (rules across its credit notes live there).
 */
export class CreditNote extends Entity<CreditNoteId> {
  private constructor(
    id: CreditNoteId,
    private readonly state: CreditNoteState,
  ) {
    super(id);
  }

  /** A credit note holding `state`, once its own rules hold. */
  static of(id: CreditNoteId, state: CreditNoteState): CreditNote {
    CreditNote.check(state);
    return new CreditNote(id, { ...state });
  }

  /** A credit note credits a positive amount (its invoice checks it against what is left to credit). */
  private static check(state: CreditNoteState): void {
    if (!state.amount.isPositive()) throw new InvalidValueError('amount', 'a credit note credits a positive amount');
  }

  get snapshot(): Readonly<CreditNoteState> {
    return this.state;
  }

  /** The same id and the same values (Money by value, timestamps by instant). */
  sameAs(other: CreditNote): boolean {
    return (
      this.id.equals(other.id) &&
      this.state.number === other.state.number &&
      this.state.amount.equals(other.state.amount) &&
      this.state.reason === other.state.reason &&
      this.state.issuedOn === other.state.issuedOn
    );
  }
}
