import { randomUUID } from 'node:crypto';
import { Order, OrderId, PricedLine } from '@bascule/orders/domain';
import { ordersEventContracts } from '@bascule/orders/contracts';
import { cloudRequest } from '@bascule/shared/application';
import { ContractRegistry } from '@bascule/shared/contracts';
import { ConcurrencyError, FixedClock, Money } from '@bascule/shared/ddd';
import { databaseOptions, OutboxWriter, PgAggregateStore, poolOf } from '@bascule/shared/persistence';
import { createTestDatabase, serviceRole, TestDatabase } from '@bascule/shared/testing';
import { DataSource } from 'typeorm';
import { ordersDatabase } from '../orders-database';
import { orderTable } from './order.table';
import { PgOrderReadModel } from './pg-order.read-model';

describe('orders stored on PostgreSQL (the row, its lines and the outbox in one transaction)', () => {
  const clock = new FixedClock();
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: PgAggregateStore<Order, any, any>;
  let readModel: PgOrderReadModel;
  const eur = (amount: number) => Money.fromJSON({ amount, currency: 'EUR' });
  const lines: PricedLine[] = [
    { sku: 'SKU-1', quantity: 3, unitPrice: eur(1250), vatRate: 2000 },
    { sku: 'SKU-2', quantity: 1, unitPrice: eur(99), vatRate: 550 },
  ];
  const placed = (clientId = randomUUID(), id = OrderId.generate()) =>
    Order.place(id, { clientId, lines, payment: { type: 'card', token: 'tok_ok' } }, clock);

  beforeAll(async () => {
    db = await createTestDatabase('orders_store', serviceRole('ORDERS'));
    dataSource = await new DataSource(
      databaseOptions(ordersDatabase, { ...process.env, ORDERS_DATABASE: db.name }),
    ).initialize();
    const outbox = new OutboxWriter(new ContractRegistry(ordersEventContracts));
    store = new PgAggregateStore(poolOf(dataSource), orderTable(clock), outbox);
    readModel = new PgOrderReadModel(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('saves a placed order with its lines and OrderPlaced in the outbox, and loads it back', async () => {
    const order = placed();
    await store.save(order, cloudRequest('corr-store'));
    const loaded = await store.findById(order.id.value);
    expect(loaded?.version).toBe(1);
    expect(loaded?.snapshot).toEqual(order.snapshot);
    expect(loaded?.orderLines.map((line) => line.snapshot)).toEqual(order.orderLines.map((line) => line.snapshot));
    const outbox = await dataSource.query('SELECT type, payload FROM outbox WHERE aggregateid = $1', [order.id.value]);
    expect(outbox).toEqual([expect.objectContaining({ type: 'orders.order-placed' })]);
    expect(outbox[0].payload).toMatchObject({
      correlationId: 'corr-store',
      payload: {
        orderId: order.id.value,
        total: { amount: 3849, currency: 'EUR' },
        // 37.50 at 20 % (7.50) and 0.99 at 5.5 % (0.05445 → 0.05).
        totalInclVat: { amount: 3849 + 750 + 5, currency: 'EUR' },
        status: 'PENDING',
        lines: [
          {
            sku: 'SKU-1',
            quantity: 3,
            unitPrice: { amount: 1250, currency: 'EUR' },
            lineTotal: { amount: 3750, currency: 'EUR' },
            vatRate: 2000,
          },
          {
            sku: 'SKU-2',
            quantity: 1,
            unitPrice: { amount: 99, currency: 'EUR' },
            lineTotal: { amount: 99, currency: 'EUR' },
            vatRate: 550,
          },
        ],
        payment: { type: 'card', token: 'tok_ok' },
      },
    });
    const view = await readModel.get(order.id.value);
    expect(view?.totalInclVat).toEqual({ amount: 4604, currency: 'EUR' });
    expect(view?.orderLines.map((line) => [line.sku, line.vatRate])).toEqual([
      ['SKU-1', 2000],
      ['SKU-2', 550],
    ]);
  });

  it('refuses a change built on a stale version, and a second insert of one id, saving nothing of either', async () => {
    const order = placed();
    await store.save(order, cloudRequest());
    const [first, second] = [await store.findById(order.id.value), await store.findById(order.id.value)];
    first!.confirmOrder();
    await store.save(first!, cloudRequest());
    second!.cancelOrder({ reason: 'too late' });
    await expect(store.save(second!, cloudRequest())).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(store.save(placed(undefined, order.id), cloudRequest())).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await store.findById(order.id.value))?.snapshot.status).toBe('CONFIRMED');
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM outbox WHERE aggregateid = $1', [
      order.id.value,
    ]);
    expect(count).toBe(2);
  });

  it("lists a client's orders, by status, a page at a time", async () => {
    const clientId = randomUUID();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const order = placed(clientId);
      if (i % 2) order.cancelOrder({ reason: 'no' });
      await store.save(order, cloudRequest());
      ids.push(order.id.value);
    }
    await store.save(placed(), cloudRequest()); // another client's
    const first = await readModel.list({ clientId, limit: 3 });
    const rest = await readModel.list({ clientId, limit: 3, cursor: first.nextCursor! });
    expect([...first.items, ...rest.items].map((view) => view.id).sort()).toEqual([...ids].sort());
    expect(rest.nextCursor).toBeNull();
    const cancelled = await readModel.list({ clientId, status: 'CANCELLED', limit: 10 });
    expect(cancelled.items.map((view) => view.id).sort()).toEqual([ids[1], ids[3]].sort());
  });
});
