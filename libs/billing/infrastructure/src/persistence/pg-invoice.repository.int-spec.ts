import { randomUUID } from 'node:crypto';
import { Invoice, InvoiceId, InvoiceState } from '@bascule/billing/domain';
import { billingEventContracts } from '@bascule/billing/contracts';
import { cloudRequest } from '@bascule/shared/application';
import { ContractRegistry } from '@bascule/shared/contracts';
import { ConcurrencyError, FixedClock, Money } from '@bascule/shared/ddd';
import { databaseOptions, OutboxWriter, PgAggregateStore, poolOf } from '@bascule/shared/persistence';
import { createTestDatabase, serviceRole, TestDatabase } from '@bascule/shared/testing';
import { DataSource } from 'typeorm';
import { billingDatabase } from '../billing-database';
import { invoiceTable } from './invoice.table';

describe('invoices stored on PostgreSQL (the migrations, the row and the outbox in one transaction)', () => {
  const clock = new FixedClock();
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: PgAggregateStore<Invoice, any, any>;
  const states: InvoiceState[] = [
    {
      orderId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
      number: 'First number',
      issuedOn: '2026-03-01',
      totalExclVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
      totalVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
      totalInclVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
      creditedInclVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
      status: 'ISSUED',
    },
    {
      orderId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000001',
      number: 'Second number',
      issuedOn: '2026-03-02',
      totalExclVat: Money.fromJSON({ amount: 1251, currency: 'EUR' }),
      totalVat: Money.fromJSON({ amount: 1251, currency: 'EUR' }),
      totalInclVat: Money.fromJSON({ amount: 1251, currency: 'EUR' }),
      creditedInclVat: Money.fromJSON({ amount: 1251, currency: 'EUR' }),
      status: 'PARTIALLY_CREDITED',
    },
  ];
  const state = (variant: number) => states[variant];

  beforeAll(async () => {
    db = await createTestDatabase('billing_store', serviceRole('BILLING'));
    dataSource = await new DataSource(
      databaseOptions(billingDatabase, { ...process.env, BILLING_DATABASE: db.name }),
    ).initialize();
    const outbox = new OutboxWriter(new ContractRegistry(billingEventContracts));
    store = new PgAggregateStore(poolOf(dataSource), invoiceTable(clock), outbox);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('saves a new one with its event in the outbox, and loads it back with every field in its type', async () => {
    const created = Invoice.create(InvoiceId.generate(), state(0), clock);
    await store.save(created, cloudRequest('corr-store'));
    const loaded = await store.findById(created.id.value);
    expect(loaded?.version).toBe(1);
    expect(loaded?.snapshot).toEqual(state(0));
    const outbox = await dataSource.query('SELECT type, aggregateid, payload FROM outbox WHERE aggregateid = $1', [
      created.id.value,
    ]);
    expect(outbox).toEqual([
      expect.objectContaining({ type: 'billing.invoice-created', aggregateid: created.id.value }),
    ]);
    expect(outbox[0].payload).toMatchObject({
      correlationId: 'corr-store',
      payload: {
        invoiceId: created.id.value,
        orderId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
        number: 'First number',
        issuedOn: '2026-03-01',
        totalExclVat: { amount: 1250, currency: 'EUR' },
        totalVat: { amount: 1250, currency: 'EUR' },
        totalInclVat: { amount: 1250, currency: 'EUR' },
        creditedInclVat: { amount: 1250, currency: 'EUR' },
        status: 'ISSUED',
      },
    });
  });

  it('stores the other values as they were', async () => {
    const created = Invoice.create(InvoiceId.generate(), state(1), clock);
    await store.save(created, cloudRequest());
    expect((await store.findById(created.id.value))?.snapshot).toEqual(state(1));
  });

  it('refuses a second insert of the same id as a lost race, and saves nothing of it', async () => {
    const id = InvoiceId.generate();
    // Its own order and number: an order has one invoice, a number one document (ADR 0043).
    const first = { ...state(0), orderId: randomUUID(), number: '2026-100001' };
    await store.save(Invoice.create(id, first, clock), cloudRequest());
    await expect(
      store.save(
        Invoice.create(id, { ...state(1), orderId: randomUUID(), number: '2026-100002' }, clock),
        cloudRequest(),
      ),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await store.findById(id.value))?.snapshot).toEqual(first);
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM outbox WHERE aggregateid = $1', [
      id.value,
    ]);
    expect(count).toBe(1);
  });
});
