import { Order, OrderId, OrderState, OrderLineState } from '@bascule/orders/domain';
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

describe('order lines stored with their order (ADR 0025: one transaction, under its version)', () => {
  const clock = new FixedClock();
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: PgAggregateStore<Order, any, any>;
  let readModel: PgOrderReadModel;
  const root: OrderState = {
    clientId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
    total: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
    status: 'PENDING',
    reason: 'First reason',
  };
  const states: OrderLineState[] = [
    {
      sku: 'First sku',
      quantity: 42,
      unitPrice: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
      lineTotal: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
    },
    {
      sku: 'Second sku',
      quantity: 43,
      unitPrice: Money.fromJSON({ amount: 1251, currency: 'EUR' }),
      lineTotal: Money.fromJSON({ amount: 1251, currency: 'EUR' }),
    },
  ];
  const [first, second, third] = [
    '5b0f5e4e-8c1d-4a3b-9e2f-0000000000a1',
    '5b0f5e4e-8c1d-4a3b-9e2f-0000000000a2',
    '5b0f5e4e-8c1d-4a3b-9e2f-0000000000a3',
  ];
  const held = (order?: Order) => order?.orderLines.map((orderLine) => [orderLine.id.value, orderLine.snapshot]);
  const saved = async () => {
    const order = Order.create(OrderId.generate(), root, clock);
    order.addOrderLine({ orderLineId: first, ...states[0] });
    order.addOrderLine({ orderLineId: second, ...states[1] });
    await store.save(order, cloudRequest());
    return order.id.value;
  };

  beforeAll(async () => {
    db = await createTestDatabase('orders_order_line_id', serviceRole('ORDERS'));
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

  it('saves the order lines with the order, loads them back in order, and answers them in its view', async () => {
    const id = await saved();
    expect(held(await store.findById(id))).toEqual([
      [first, states[0]],
      [second, states[1]],
    ]);
    expect((await readModel.get(id))?.orderLines.map((view) => view.id)).toEqual([first, second]);
    expect((await readModel.list({ limit: 100 })).items.find((view) => view.id === id)?.orderLines).toHaveLength(2);
  });

  it('deletes the row of one removed, and refuses a save on a stale version before writing any child row', async () => {
    const id = await saved();
    const stale = await store.findById(id);
    const current = await store.findById(id);
    current!.removeOrderLine({ orderLineId: first });
    await store.save(current!, cloudRequest());
    stale!.addOrderLine({ orderLineId: third, ...states[0] });
    await expect(store.save(stale!, cloudRequest())).rejects.toBeInstanceOf(ConcurrencyError);
    expect(held(await store.findById(id))).toEqual([[second, states[1]]]);
    const rows = await dataSource.query('SELECT order_line_id FROM order_lines WHERE order_id = $1', [id]);
    expect(rows).toEqual([{ order_line_id: second }]);
  });
});
