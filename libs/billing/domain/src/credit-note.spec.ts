import { FixedClock, Money } from '@bascule/shared/ddd';
import { Invoice, InvoiceState } from './invoice';
import { InvoiceId } from './invoice-id';
import { InvoiceCreditNoteIdTaken } from './invoice.errors';
import { CreditNote, CreditNoteId, CreditNoteState } from './credit-note';

describe('CreditNote in its Invoice', () => {
  const clock = new FixedClock(new Date('2026-03-01T10:00:00Z'));
  const root: InvoiceState = {
    orderId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
    number: 'First number',
    issuedOn: '2026-03-01',
    totalExclVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
    totalVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
    totalInclVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
    creditedInclVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
    status: 'ISSUED',
  };
  const state: CreditNoteState = {
    number: 'First number',
    amount: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
    reason: 'Some reason text',
    issuedOn: '2026-03-01',
  };
  const other: CreditNoteState = {
    number: 'Second number',
    amount: Money.fromJSON({ amount: 1251, currency: 'EUR' }),
    reason: 'Some reason text',
    issuedOn: '2026-03-02',
  };
  const creditNoteId = '5b0f5e4e-8c1d-4a3b-9e2f-0000000000aa';
  const saved = () => Invoice.reconstitute(InvoiceId.generate(), 1, root, clock);

  it('is equal to another by id, the same as another by id and values', () => {
    const one = CreditNote.of(CreditNoteId.of(creditNoteId), state);
    expect(one.snapshot).toEqual(state);
    expect(one.equals(CreditNote.of(CreditNoteId.of(creditNoteId), other))).toBe(true);
    expect(one.sameAs(CreditNote.of(CreditNoteId.of(creditNoteId), { ...state }))).toBe(true);
    expect(one.sameAs(CreditNote.of(CreditNoteId.of(creditNoteId), other))).toBe(false);
  });

  it('addCreditNote() records InvoiceCreditNoteAdded once: adding the same again changes nothing', () => {
    const invoice = saved();
    invoice.addCreditNote({ creditNoteId, ...state });
    invoice.addCreditNote({ creditNoteId, ...state });
    expect(invoice.creditNotes.map((e) => e.id.value)).toEqual([creditNoteId]);
    expect(invoice.pendingEvents).toEqual([
      expect.objectContaining({ type: 'InvoiceCreditNoteAdded', aggregateVersion: 2, creditNoteId, ...state }),
    ]);
  });

  it('addCreditNote() refuses an id it holds with other values (INVOICE.CREDIT_NOTE_ID_TAKEN)', () => {
    const invoice = saved();
    invoice.addCreditNote({ creditNoteId, ...state });
    expect(() => invoice.addCreditNote({ creditNoteId, ...other })).toThrow(InvoiceCreditNoteIdTaken);
    expect(invoice.pendingEvents).toHaveLength(1);
  });

  it('removeCreditNote() records InvoiceCreditNoteRemoved once: removing one it does not hold changes nothing', () => {
    const invoice = saved();
    invoice.addCreditNote({ creditNoteId, ...state });
    invoice.removeCreditNote({ creditNoteId });
    invoice.removeCreditNote({ creditNoteId });
    expect(invoice.creditNotes).toEqual([]);
    expect(invoice.pendingEvents.map((event) => event.type)).toEqual([
      'InvoiceCreditNoteAdded',
      'InvoiceCreditNoteRemoved',
    ]);
    expect(invoice.pendingEvents[1]).toMatchObject({ aggregateVersion: 3, creditNoteId });
  });
});
