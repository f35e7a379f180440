import { Order, OrderId, OrderState } from '@bascule/orders/domain';
import { ordersEventContracts } from '@bascule/orders/contracts';
import { cloudRequest } from '@bascule/shared/application';
import { ContractRegistry } from '@bascule/shared/contracts';
import { ConcurrencyError, FixedClock, Money } from '@bascule/shared/ddd';
import { databaseOptions, OutboxWriter, PgAggregateStore, poolOf } from '@bascule/shared/persistence';
import { createTestDatabase, serviceRole, TestDatabase } from '@bascule/shared/testing';
import { DataSource } from 'typeorm';
import { ordersDatabase } from '../orders-database';
import { orderTable } from './order.table';

describe('orders stored on PostgreSQL (the migrations, the row and the outbox in one transaction)', () => {
  const clock = new FixedClock();
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: PgAggregateStore<Order, any, any>;
  const states: OrderState[] = [
    {
      clientId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
      total: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
      status: 'PENDING',
      reason: 'Some reason text',
    },
    {
      clientId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000001',
      total: Money.fromJSON({ amount: 1251, currency: 'EUR' }),
      status: 'CONFIRMED',
      reason: null,
    },
  ];
  const state = (variant: number) => states[variant];

  beforeAll(async () => {
    db = await createTestDatabase('orders_store', serviceRole('ORDERS'));
    dataSource = await new DataSource(
      databaseOptions(ordersDatabase, { ...process.env, ORDERS_DATABASE: db.name }),
    ).initialize();
    const outbox = new OutboxWriter(new ContractRegistry(ordersEventContracts));
    store = new PgAggregateStore(poolOf(dataSource), orderTable(clock), outbox);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('saves a new one with its event in the outbox, and loads it back with every field in its type', async () => {
    const created = Order.create(OrderId.generate(), state(0), clock);
    await store.save(created, cloudRequest('corr-store'));
    const loaded = await store.findById(created.id.value);
    expect(loaded?.version).toBe(1);
    expect(loaded?.snapshot).toEqual(state(0));
    const outbox = await dataSource.query('SELECT type, aggregateid, payload FROM outbox WHERE aggregateid = $1', [
      created.id.value,
    ]);
    expect(outbox).toEqual([expect.objectContaining({ type: 'orders.order-created', aggregateid: created.id.value })]);
    expect(outbox[0].payload).toMatchObject({
      correlationId: 'corr-store',
      payload: {
        orderId: created.id.value,
        clientId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
        total: { amount: 1250, currency: 'EUR' },
        status: 'PENDING',
        reason: 'Some reason text',
      },
    });
  });

  it('stores the other values and an optional field left empty as they were', async () => {
    const created = Order.create(OrderId.generate(), state(1), clock);
    await store.save(created, cloudRequest());
    expect((await store.findById(created.id.value))?.snapshot).toEqual(state(1));
  });

  it('refuses a second insert of the same id as a lost race, and saves nothing of it', async () => {
    const id = OrderId.generate();
    await store.save(Order.create(id, state(0), clock), cloudRequest());
    await expect(store.save(Order.create(id, state(1), clock), cloudRequest())).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
    expect((await store.findById(id.value))?.snapshot).toEqual(state(0));
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM outbox WHERE aggregateid = $1', [
      id.value,
    ]);
    expect(count).toBe(1);
  });
});
