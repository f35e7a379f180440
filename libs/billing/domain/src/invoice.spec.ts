import { FixedClock, Money } from '@bascule/shared/ddd';
import { Invoice, InvoiceState } from './invoice';
import { InvoiceId } from './invoice-id';

describe('Invoice', () => {
  const state: InvoiceState = {
    orderId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
    number: 'First number',
    issuedOn: '2026-03-01',
    totalExclVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
    totalVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
    totalInclVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
    creditedInclVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
    status: 'ISSUED',
  };

  it('is created at version 1 with a InvoiceCreated event carrying its state', () => {
    const clock = new FixedClock(new Date('2026-03-01T10:00:00Z'));
    const invoice = Invoice.create(InvoiceId.generate(), state, clock);
    expect(invoice.version).toBe(1);
    expect(invoice.snapshot).toEqual(state);
    expect(invoice.pendingEvents).toEqual([
      {
        type: 'InvoiceCreated',
        aggregateId: invoice.id.value,
        aggregateVersion: 1,
        occurredAt: clock.now(),
        ...state,
        lines: [],
      },
    ]);
  });

  const clock = new FixedClock(new Date('2026-03-01T10:00:00Z'));
  const issued = () =>
    Invoice.issue(
      InvoiceId.generate(),
      {
        orderId: state.orderId,
        number: '2026-000001',
        issuedOn: '2026-03-01',
        lines: [
          {
            invoiceLineId: '00000000-0000-4000-8000-000000000001',
            sku: 'A',
            quantity: 3,
            unitPrice: eur(1999),
            vatRate: 2000,
          },
          {
            invoiceLineId: '00000000-0000-4000-8000-000000000002',
            sku: 'B',
            quantity: 1,
            unitPrice: eur(63),
            vatRate: 550,
          },
        ],
      },
      clock,
    );
  const credit = (
    invoice: Invoice,
    amount: number,
    id = `00000000-0000-4000-9000-${String(amount).padStart(12, '0')}`,
  ) =>
    invoice.issueCreditNote({
      creditNoteId: id,
      number: '2026-000009',
      issuedOn: '2026-03-02',
      amount: eur(amount),
      reason: 'refund',
    });

  it('issues an invoice from its lines: line totals, VAT per rate, totals, nothing credited', () => {
    const invoice = issued();
    expect(invoice.invoiceLines.map((l) => l.snapshot.lineExclVat.minor)).toEqual([5997, 63]);
    expect(invoice.vatByRate.map((r) => [r.vatRate, r.base.minor, r.vat.minor])).toEqual([
      [2000, 5997, 1199],
      [550, 63, 3],
    ]);
    const { totalExclVat, totalVat, totalInclVat, creditedInclVat, status } = invoice.snapshot;
    expect([totalExclVat.minor, totalVat.minor, totalInclVat.minor, creditedInclVat.minor]).toEqual([
      6060, 1202, 7262, 0,
    ]);
    expect(status).toBe('ISSUED');
    // One event, one version: the lines travel in it.
    expect(invoice.version).toBe(1);
    expect(invoice.pendingEvents).toEqual([
      expect.objectContaining({
        type: 'InvoiceCreated',
        number: '2026-000001',
        lines: [
          expect.objectContaining({ sku: 'A', quantity: 3, vatRate: 2000, lineExclVat: eur(5997) }),
          expect.objectContaining({ sku: 'B', quantity: 1, vatRate: 550, lineExclVat: eur(63) }),
        ],
      }),
    ]);
  });

  it('refuses an invoice without lines, and a line at a rate France does not have', () => {
    expect(() =>
      Invoice.issue(
        InvoiceId.generate(),
        { orderId: state.orderId, number: 'n', issuedOn: '2026-03-01', lines: [] },
        clock,
      ),
    ).toThrow(expect.objectContaining({ code: 'VALUE.INVALID', field: 'lines' }));
    expect(() =>
      Invoice.issue(
        InvoiceId.generate(),
        {
          orderId: state.orderId,
          number: 'n',
          issuedOn: '2026-03-01',
          lines: [
            {
              invoiceLineId: '00000000-0000-4000-8000-000000000001',
              sku: 'A',
              quantity: 1,
              unitPrice: eur(100),
              vatRate: 1960,
            },
          ],
        },
        clock,
      ),
    ).toThrow(expect.objectContaining({ code: 'VALUE.INVALID', field: 'vatRate' }));
  });

  it('credits up to what is left, PARTIALLY_CREDITED then CREDITED; never more, never zero, never another currency', () => {
    const invoice = issued();
    credit(invoice, 7000);
    expect(invoice.snapshot.status).toBe('PARTIALLY_CREDITED');
    expect(invoice.remainingInclVat.minor).toBe(262);
    expect(() => credit(invoice, 263)).toThrow(
      expect.objectContaining({ code: 'INVOICE.CREDIT_EXCEEDS_REMAINING', field: 'amount' }),
    );
    expect(() => credit(invoice, 0)).toThrow(expect.objectContaining({ code: 'INVOICE.CREDIT_AMOUNT_INVALID' }));
    expect(() =>
      invoice.issueCreditNote({
        creditNoteId: '00000000-0000-4000-9000-0000000000ff',
        number: 'x',
        issuedOn: '2026-03-02',
        amount: Money.of(1, 'USD'),
        reason: 'r',
      }),
    ).toThrow(expect.objectContaining({ code: 'INVOICE.CREDIT_AMOUNT_INVALID' }));
    credit(invoice, 262);
    expect(invoice.snapshot.status).toBe('CREDITED');
    expect(invoice.creditNotes.map((c) => c.snapshot.amount.minor)).toEqual([7000, 262]);
    expect(() => credit(invoice, 1)).toThrow(expect.objectContaining({ code: 'INVOICE.INVALID_STATE' }));
  });

  it('the same credit note given again records nothing; an issued invoice’s lines and totals never change', () => {
    const invoice = issued();
    const before = { ...invoice.snapshot };
    credit(invoice, 100, '00000000-0000-4000-9000-000000000001');
    const events = invoice.pendingEvents.length;
    credit(invoice, 100, '00000000-0000-4000-9000-000000000001');
    expect(invoice.pendingEvents.length).toBe(events);
    expect(invoice.snapshot.creditedInclVat.minor).toBe(100);
    expect([invoice.snapshot.totalExclVat, invoice.snapshot.totalVat, invoice.snapshot.totalInclVat]).toEqual([
      before.totalExclVat,
      before.totalVat,
      before.totalInclVat,
    ]);
    // No use case removes or adds a line once issued: the collection is built by `issue` only.
    expect((invoice as unknown as Record<string, unknown>).removeInvoiceLine).toBeUndefined();
  });
});

const eur = (amount: number) => Money.of(amount, 'EUR');
