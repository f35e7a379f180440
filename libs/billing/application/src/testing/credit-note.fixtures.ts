import { CreditNoteState } from '@bascule/billing/domain';
import { Money } from '@bascule/shared/ddd';

/** A credit note's state for specs: a value in each field (`variant` picks others), or those given. */
export const aCreditNoteState = (overrides: Partial<CreditNoteState> = {}, variant = 0): CreditNoteState => ({
  number: variant ? 'Second number' : 'First number',
  amount: variant
    ? Money.fromJSON({ amount: 1251, currency: 'EUR' })
    : Money.fromJSON({ amount: 1250, currency: 'EUR' }),
  reason: 'Some reason text',
  issuedOn: variant ? '2026-03-02' : '2026-03-01',
  ...overrides,
});
