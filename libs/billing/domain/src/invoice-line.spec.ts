import { FixedClock, Money } from '@bascule/shared/ddd';
import { Invoice, InvoiceState } from './invoice';
import { InvoiceId } from './invoice-id';
import { InvoiceLineIdTaken } from './invoice.errors';
import { InvoiceLine, InvoiceLineId, InvoiceLineState } from './invoice-line';

describe('InvoiceLine in its Invoice', () => {
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
  const state: InvoiceLineState = {
    sku: 'First sku',
    quantity: 42,
    unitPrice: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
    vatRate: 42,
    lineExclVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
  };
  const other: InvoiceLineState = {
    sku: 'Second sku',
    quantity: 43,
    unitPrice: Money.fromJSON({ amount: 1251, currency: 'EUR' }),
    vatRate: 43,
    lineExclVat: Money.fromJSON({ amount: 1251, currency: 'EUR' }),
  };
  const invoiceLineId = '5b0f5e4e-8c1d-4a3b-9e2f-0000000000aa';
  const saved = () => Invoice.reconstitute(InvoiceId.generate(), 1, root, clock);

  it('is equal to another by id, the same as another by id and values', () => {
    const one = InvoiceLine.of(InvoiceLineId.of(invoiceLineId), state);
    expect(one.snapshot).toEqual(state);
    expect(one.equals(InvoiceLine.of(InvoiceLineId.of(invoiceLineId), other))).toBe(true);
    expect(one.sameAs(InvoiceLine.of(InvoiceLineId.of(invoiceLineId), { ...state }))).toBe(true);
    expect(one.sameAs(InvoiceLine.of(InvoiceLineId.of(invoiceLineId), other))).toBe(false);
  });

  it('addInvoiceLine() records InvoiceLineAdded once: adding the same again changes nothing', () => {
    const invoice = saved();
    invoice.addInvoiceLine({ invoiceLineId, ...state });
    invoice.addInvoiceLine({ invoiceLineId, ...state });
    expect(invoice.invoiceLines.map((e) => e.id.value)).toEqual([invoiceLineId]);
    expect(invoice.pendingEvents).toEqual([
      expect.objectContaining({ type: 'InvoiceLineAdded', aggregateVersion: 2, invoiceLineId, ...state }),
    ]);
  });

  it('addInvoiceLine() refuses an id it holds with other values (INVOICE.INVOICE_LINE_ID_TAKEN)', () => {
    const invoice = saved();
    invoice.addInvoiceLine({ invoiceLineId, ...state });
    expect(() => invoice.addInvoiceLine({ invoiceLineId, ...other })).toThrow(InvoiceLineIdTaken);
    expect(invoice.pendingEvents).toHaveLength(1);
  });

  it('removeInvoiceLine() records InvoiceLineRemoved once: removing one it does not hold changes nothing', () => {
    const invoice = saved();
    invoice.addInvoiceLine({ invoiceLineId, ...state });
    invoice.removeInvoiceLine({ invoiceLineId });
    invoice.removeInvoiceLine({ invoiceLineId });
    expect(invoice.invoiceLines).toEqual([]);
    expect(invoice.pendingEvents.map((event) => event.type)).toEqual(['InvoiceLineAdded', 'InvoiceLineRemoved']);
    expect(invoice.pendingEvents[1]).toMatchObject({ aggregateVersion: 3, invoiceLineId });
  });
});
