import { Entity, Money, TypedId } from '@bascule/shared/ddd';

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

  /** The rules of one credit note, whatever its invoice: throw a DomainError when `_state` breaks one. */
  private static check(_state: CreditNoteState): void {
    // None yet: the generator wrote the types; the rules are the domain's.
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
