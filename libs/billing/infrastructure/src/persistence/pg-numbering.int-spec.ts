import { randomUUID } from 'node:crypto';
import { CreateInvoiceCommand, CreateInvoiceHandler, InvoiceChanges } from '@bascule/billing/application';
import { billingEventContracts } from '@bascule/billing/contracts';
import { Invoice } from '@bascule/billing/domain';
import { cloudRequest } from '@bascule/shared/application';
import { ContractRegistry } from '@bascule/shared/contracts';
import { FixedClock } from '@bascule/shared/ddd';
import { databaseOptions, OutboxWriter, PgAggregateStore, poolOf } from '@bascule/shared/persistence';
import { createTestDatabase, serviceRole, TestDatabase } from '@bascule/shared/testing';
import { DataSource } from 'typeorm';
import { billingDatabase } from '../billing-database';
import { PgVatRates } from './pg-vat-rates';
import { invoiceTable } from './invoice.table';
import { PgKnownOrders } from './pg-known-orders';
import { PgNumbering } from './pg-numbering';

/** Issued at noon in Paris on 15 June 2026. */
const clock = new FixedClock(new Date('2026-06-15T10:00:00Z'));

describe('gap-free invoice numbers on PostgreSQL (ADR 0043)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let handler: CreateInvoiceHandler;
  let numbering: PgNumbering;

  const knowOrder = (orderId: string, status = 'CONFIRMED') =>
    dataSource.query(`INSERT INTO known_orders (id, version, status, lines, total) VALUES ($1, 2, $2, $3, $4)`, [
      orderId,
      status,
      JSON.stringify([
        { orderLineId: randomUUID(), sku: 'SKU-A', quantity: 3, unitPrice: { amount: 1999, currency: 'EUR' } },
        { orderLineId: randomUUID(), sku: 'SKU-B', quantity: 1, unitPrice: { amount: 63, currency: 'EUR' } },
      ]),
      JSON.stringify({ amount: 6060, currency: 'EUR' }),
    ]);
  const numbers = async (): Promise<string[]> =>
    (await dataSource.query(`SELECT number FROM invoices ORDER BY number`)).map((r: { number: string }) => r.number);
  const expected = (count: number) => Array.from({ length: count }, (_, i) => `2026-${String(i + 1).padStart(6, '0')}`);

  beforeAll(async () => {
    db = await createTestDatabase('billing_numbering', serviceRole('BILLING'));
    dataSource = await new DataSource(
      // 220 issues queue for the pool's connections while each waits its turn on the counter row: on 2 loaded
      // cores the last ones wait longer than the default 5 s connect timeout, which is not what this proves.
      databaseOptions(billingDatabase, { ...process.env, BILLING_DATABASE: db.name, DB_CONNECT_TIMEOUT_MS: '120000' }),
    ).initialize();
    const store = new PgAggregateStore<Invoice, any, any>(
      poolOf(dataSource),
      invoiceTable(clock),
      new OutboxWriter(new ContractRegistry(billingEventContracts)),
    );
    numbering = new PgNumbering(dataSource);
    handler = new CreateInvoiceHandler(
      new InvoiceChanges(store),
      new PgKnownOrders(dataSource),
      new PgVatRates(dataSource),
      numbering,
      clock,
    );
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('200 concurrent issues, 20 more refused in flight (their order invoiced already), get 2026-000001..000200: no gap, no duplicate', async () => {
    const orders = Array.from({ length: 200 }, () => randomUUID());
    for (const orderId of orders) await knowOrder(orderId);
    // Every tenth order is asked twice at once: one of the two rolls back after taking a number.
    const requests = [...orders, ...orders.filter((_, i) => i % 10 === 0)];
    const outcomes = await Promise.allSettled(
      requests.map((orderId, i) => handler.execute(new CreateInvoiceCommand({ orderId }, cloudRequest(`corr-${i}`)))),
    );
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused.map((o) => o.reason.code)).toEqual(Array(20).fill('INVOICE.ORDER_ALREADY_INVOICED'));
    expect(await numbers()).toEqual(expected(200));
    const perOrder = await dataSource.query(`SELECT count(DISTINCT order_id)::int AS n FROM invoices`);
    expect(perOrder[0].n).toBe(200);
    const [series] = await dataSource.query(`SELECT last FROM number_series WHERE series = 'INVOICE' AND year = 2026`);
    expect(series.last).toBe(200);
  });

  it('an issue rolled back after taking its number gives it back: the next invoice takes it', async () => {
    await expect(
      numbering.withNextNumber('INVOICE', 2026, async (number) => {
        expect(number).toBe('2026-000201');
        throw new Error('the issuing transaction fails after its number was taken');
      }),
    ).rejects.toThrow('fails after its number');
    const orderId = randomUUID();
    await knowOrder(orderId);
    await handler.execute(new CreateInvoiceCommand({ orderId }, cloudRequest('corr-after-rollback')));
    expect(await numbers()).toEqual(expected(201));
  });

  it('counts each series and year on its own', async () => {
    const taken = await Promise.all([
      numbering.withNextNumber('CREDIT_NOTE', 2026, async (n) => n),
      numbering.withNextNumber('INVOICE', 2027, async (n) => n),
    ]);
    expect(taken).toEqual(['2026-000001', '2027-000001']);
  });

  it('refuses an order billing does not know (422) and one not confirmed (409), taking no number', async () => {
    const pending = randomUUID();
    await knowOrder(pending, 'PENDING');
    await expect(
      handler.execute(new CreateInvoiceCommand({ orderId: randomUUID() }, cloudRequest('c1'))),
    ).rejects.toMatchObject({ code: 'INVOICE.ORDER_UNKNOWN', field: 'orderId' });
    await expect(
      handler.execute(new CreateInvoiceCommand({ orderId: pending }, cloudRequest('c2'))),
    ).rejects.toMatchObject({ code: 'INVOICE.ORDER_NOT_CONFIRMED' });
    const [series] = await dataSource.query(`SELECT last FROM number_series WHERE series = 'INVOICE' AND year = 2026`);
    expect(series.last).toBe(201);
  });
});
