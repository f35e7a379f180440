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
      { type: 'InvoiceCreated', aggregateId: invoice.id.value, aggregateVersion: 1, occurredAt: clock.now(), ...state },
    ]);
  });
});
