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

  it('refuses an order billing does not know (422 naming orderId) and one not confirmed (409), taking no number', async () => {
    const { repository, orders, numbering, run } = setup();
    await expect(run()).rejects.toMatchObject({ code: 'INVOICE.ORDER_UNKNOWN', field: 'orderId' });
    orders.orders.set(orderId, aKnownOrder('PENDING'));
    await expect(run()).rejects.toMatchObject({ code: 'INVOICE.ORDER_NOT_CONFIRMED' });
    expect(repository.saved).toEqual([]);
    expect(numbering.last.size).toBe(0);
  });
});
