import { Invoice } from '@bascule/billing/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { FixedClock, Money } from '@bascule/shared/ddd';
import { InvoiceChanges } from '../../invoice-changes';
import { aKnownOrder, FixedVatRates, InMemoryKnownOrders, InMemoryNumbering } from '../../testing/in-memory-billing';
import { CreateInvoiceCommand } from './create-invoice.command';
import { CreateInvoiceHandler } from './create-invoice.handler';

describe('CreateInvoiceHandler', () => {
  const orderId = '5b0f5e4e-8c1d-4a3b-9e2f-000000000000';
  const setup = (rates: Record<string, number> = {}, now = '2026-12-31T23:30:00Z') => {
    const repository = new InMemoryAggregateRepository<Invoice>();
    const orders = new InMemoryKnownOrders();
    const numbering = new InMemoryNumbering();
    const handler = new CreateInvoiceHandler(
      new InvoiceChanges(repository),
      orders,
      new FixedVatRates(rates),
      numbering,
      new FixedClock(new Date(now)),
    );
    const run = () => handler.execute(new CreateInvoiceCommand({ orderId }, cloudRequest('corr-1')));
    return { repository, orders, numbering, run };
  };

  it('issues the invoice of a confirmed order: its lines, the catalogue’s rates (20 % by default), the year’s next number in Paris time', async () => {
    const { repository, orders, run } = setup({ B: 550 });
    orders.orders.set(orderId, aKnownOrder());
    expect((await run()).version).toBe(1);
    expect(repository.events).toEqual([
      expect.objectContaining({
        type: 'InvoiceCreated',
        orderId,
        // 23:30 UTC on 31 December is 00:30 on 1 January in Paris: the new year's first number.
        number: '2027-000001',
        issuedOn: '2027-01-01',
        totalExclVat: Money.of(6060, 'EUR'),
        totalVat: Money.of(1199 + 3, 'EUR'),
        totalInclVat: Money.of(7262, 'EUR'),
        lines: [
          expect.objectContaining({ sku: 'A', vatRate: 2000 }),
          expect.objectContaining({ sku: 'B', vatRate: 550 }),
        ],
      }),
    ]);
  });

  it('taxes each line at its sku’s rate, four French rates in one invoice: bases summed per rate, each VAT rounded once', async () => {
    const { repository, orders, run } = setup({ STD: 2000, MID: 1000, FOOD: 550, PRESS: 210 });
    const line = (n: number, sku: string, quantity: number, cents: number) => ({
      orderLineId: `00000000-0000-4000-8000-00000000000${n}`,
      sku,
      quantity,
      unitPrice: Money.of(cents, 'EUR'),
    });
    orders.orders.set(orderId, {
      status: 'CONFIRMED',
      lines: [
        line(1, 'STD', 2, 1999), // 39.98 € at 20 %: 7.996 → 8.00 €
        line(2, 'MID', 3, 333), // 9.99 € at 10 %: 0.999 → 1.00 €
        line(3, 'FOOD', 7, 145), // 10.15 € at 5.5 %: 0.55825 → 0.56 €
        line(4, 'PRESS', 1, 250), // 2.50 € at 2.1 %: 0.0525 → 0.05 €
        line(5, 'UNHEARD', 1, 100), // 1.00 € at 20 % (a sku billing never heard of): with STD, 40.98 € → 8.20 €
      ],
    });
    await run();
    const [created] = repository.events as unknown as { lines: { sku: string; vatRate: number }[] }[];
    expect(created.lines.map(({ sku, vatRate }) => [sku, vatRate])).toEqual([
      ['STD', 2000],
      ['MID', 1000],
      ['FOOD', 550],
      ['PRESS', 210],
      ['UNHEARD', 2000],
    ]);
    expect(created).toMatchObject({
      totalExclVat: Money.of(3998 + 999 + 1015 + 250 + 100, 'EUR'),
      totalVat: Money.of(820 + 100 + 56 + 5, 'EUR'),
      totalInclVat: Money.of(6362 + 981, 'EUR'),
    });
  });

  it('taxes a line at the rate the order charged, whatever the catalogue says now: the invoice totals what was captured', async () => {
    // The catalogue moved STD to 10 % after the order was placed at 20 %; OLD's order predates lines carrying a rate.
    const { repository, orders, run } = setup({ STD: 1000, OLD: 550 });
    orders.orders.set(orderId, {
      status: 'CONFIRMED',
      lines: [
        {
          orderLineId: '00000000-0000-4000-8000-000000000001',
          sku: 'STD',
          quantity: 1,
          unitPrice: Money.of(1000, 'EUR'),
          vatRate: 2000,
        },
        {
          orderLineId: '00000000-0000-4000-8000-000000000002',
          sku: 'OLD',
          quantity: 1,
          unitPrice: Money.of(1000, 'EUR'),
        },
      ],
    });
    await run();
    const [created] = repository.events as unknown as { lines: { sku: string; vatRate: number }[] }[];
    expect(created.lines.map(({ sku, vatRate }) => [sku, vatRate])).toEqual([
      ['STD', 2000],
      ['OLD', 550],
    ]);
    expect(created).toMatchObject({ totalInclVat: Money.of(2000 + 200 + 55, 'EUR') });
  });

  it('refuses an order billing does not know (422 naming orderId) and one not confirmed (409), taking no number', async () => {
    const { repository, orders, numbering, run } = setup();
    await expect(run()).rejects.toMatchObject({ code: 'INVOICE.ORDER_UNKNOWN', field: 'orderId' });
    orders.orders.set(orderId, aKnownOrder('PENDING'));
    await expect(run()).rejects.toMatchObject({ code: 'INVOICE.ORDER_NOT_CONFIRMED' });
    expect(repository.saved).toEqual([]);
    expect(numbering.last.size).toBe(0);
  });
});
