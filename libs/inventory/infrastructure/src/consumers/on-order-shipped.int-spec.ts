import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import {
  CommitStockReservationHandler,
  CreateStockReservationCommand,
  CreateStockReservationHandler,
  ReleaseStockReservationCommand,
  ReleaseStockReservationHandler,
  StockMoves,
} from '@bascule/inventory/application';
import { inventoryEventContracts } from '@bascule/inventory/contracts';
import { StockItem } from '@bascule/inventory/domain';
import { OrderShippedV1 } from '@bascule/orders/contracts';
import { cloudRequest } from '@bascule/shared/application';
import { ContractRegistry, EventEnvelope } from '@bascule/shared/contracts';
import { FixedClock, Money } from '@bascule/shared/ddd';
import { ConsumerRig } from '@bascule/shared/messaging/testing';
import { databaseOptions, OutboxWriter, PgAggregateStore, poolOf } from '@bascule/shared/persistence';
import { createTestDatabase, eventually, serviceRole, TestDatabase } from '@bascule/shared/testing';
import { inventoryDatabase } from '../inventory-database';
import { PgStockTransaction } from '../persistence/pg-stock-transaction';
import { stockItemTable } from '../persistence/stock-item.table';
import { stockReservationTable } from '../persistence/stock-reservation.table';
import { OnOrderShippedHandler } from './on-order-shipped.handler';

/**
 * Stock leaves on shipping, on PostgreSQL and Kafka: the generated consumer of orders.order-shipped behind the
 * consumer engine (inbox), the test acting as orders on a topic of its own (the contract's topic with a suffix).
 */
describe('inventory commits the reservation of an order shipped, once', () => {
  const rig = new ConsumerRig();
  const { suffix } = rig;
  const ordersTopic = rig.topic('orders.events.v1');
  const clock = new FixedClock();
  let db: TestDatabase;
  let dataSource: DataSource;
  let items: PgAggregateStore<StockItem, any, any>;
  let reserving: CreateStockReservationHandler;
  let releasing: ReleaseStockReservationHandler;

  const shipped = (orderId: string): EventEnvelope => ({
    id: randomUUID(),
    type: 'orders.order-shipped',
    version: 1,
    aggregateType: 'order',
    aggregateId: orderId,
    aggregateVersion: 3,
    occurredAt: new Date().toISOString(),
    correlationId: `corr-${orderId}`,
    causationId: null,
    originSystem: 'cloud',
    payload: { orderId, status: 'SHIPPED' },
  });
  const send = (...events: EventEnvelope[]) => rig.send(ordersTopic, ...events);
  const count = async (sql: string, parameters: unknown[] = []) =>
    (await dataSource.query<{ n: number }[]>(sql, parameters))[0].n;
  /** Every one of `events` went through the inbox (its transaction committed). */
  const handled = (...events: EventEnvelope[]) =>
    eventually(
      async () =>
        (await count(`SELECT count(*)::int AS n FROM inbox WHERE event_id = ANY($1::uuid[])`, [
          events.map((e) => e.id),
        ])) === events.length,
    );
  const stockOf = (sku: string) =>
    dataSource.query<{ on_hand: number; reserved: number }[]>(
      `SELECT on_hand, reserved FROM stock_items WHERE sku = $1`,
      [sku],
    );
  const reserve = async (orderId: string, lines: { sku: string; quantity: number }[]) => {
    for (const { sku } of lines) {
      const unitPrice = Money.fromJSON({ amount: 990, currency: 'EUR' });
      await items.save(StockItem.create({ sku, label: `Label ${sku}`, unitPrice, onHand: 5 }, clock), cloudRequest());
    }
    await reserving.execute(new CreateStockReservationCommand({ orderId, lines }, cloudRequest()));
  };

  beforeAll(async () => {
    db = await createTestDatabase(`inventory_shipped_${suffix}`, serviceRole('INVENTORY'));
    dataSource = await new DataSource(
      databaseOptions(inventoryDatabase, { ...process.env, INVENTORY_DATABASE: db.name }),
    ).initialize();
    const pool = poolOf(dataSource);
    const writer = new OutboxWriter(new ContractRegistry(inventoryEventContracts));
    items = new PgAggregateStore(pool, stockItemTable(clock), writer);
    const reservations = new PgAggregateStore(pool, stockReservationTable(clock), writer);
    const moves = new StockMoves(items, reservations, new PgStockTransaction(dataSource));
    reserving = new CreateStockReservationHandler(moves, clock);
    const committing = new CommitStockReservationHandler(moves);
    releasing = new ReleaseStockReservationHandler(moves);
    // The service's bus routes to the handler (CqrsModule); here, the one the consumer uses.
    const commands = { execute: (c: never) => committing.execute(c) } as unknown as CommandBus;
    const onShipped = new OnOrderShippedHandler(commands);

    await rig.start(pool, {
      groupId: `inventory-service.shipped-${suffix}`,
      topics: [ordersTopic],
      contracts: [rig.own(OrderShippedV1)],
      handlers: { 'orders.order-shipped': onShipped },
      // Its outbox (on inventory's shared topics) is read in the database, never published by a suite.
      relay: false,
    });
  });

  afterAll(async () => {
    await rig.stop();
    await dataSource?.destroy();
    await db?.drop();
  });

  it('the reserved units leave the stock once: the event delivered twice and sent again under a new id change nothing more', async () => {
    const orderId = randomUUID();
    await reserve(orderId, [
      { sku: `A-${suffix}`, quantity: 2 },
      { sku: `B-${suffix}`, quantity: 3 },
    ]);
    const event = shipped(orderId);
    const again = shipped(orderId);
    await send(event, event, again);
    await handled(event, again);
    expect(await stockOf(`A-${suffix}`)).toEqual([{ on_hand: 3, reserved: 0 }]);
    expect(await stockOf(`B-${suffix}`)).toEqual([{ on_hand: 2, reserved: 0 }]);
    expect(await dataSource.query(`SELECT status, version FROM stock_reservations WHERE id = $1`, [orderId])).toEqual([
      { status: 'COMMITTED', version: 2 },
    ]);
    const shippedEvents = await dataSource.query(
      `SELECT (payload->'payload'->>'quantity')::int AS quantity, headers->>'causation_id' AS causation FROM outbox_all
       WHERE type = 'inventory.stock-item-shipped' AND payload->'payload'->>'orderId' = $1 ORDER BY 1`,
      [orderId],
    );
    expect(shippedEvents).toEqual([
      { quantity: 2, causation: event.id },
      { quantity: 3, causation: event.id },
    ]);
  });

  it('a release after shipping (what inventory.release-stock runs) is refused: the units have left, nothing moves', async () => {
    const orderId = randomUUID();
    await reserve(orderId, [{ sku: `D-${suffix}`, quantity: 2 }]);
    const event = shipped(orderId);
    await send(event);
    await handled(event);
    const release = new ReleaseStockReservationCommand({
      aggregateId: orderId,
      expectedVersion: undefined,
      metadata: cloudRequest(),
    });
    await expect(releasing.execute(release)).rejects.toMatchObject({
      code: 'STOCK_RESERVATION.INVALID_STATE',
      message: `stock reservation ${orderId} is COMMITTED: release-stock-reservation is refused`,
    });
    expect(await stockOf(`D-${suffix}`)).toEqual([{ on_hand: 3, reserved: 0 }]);
  });

  it('an order with no reservation: nothing to commit, and the events after it are applied', async () => {
    const reserved = randomUUID();
    await reserve(reserved, [{ sku: `C-${suffix}`, quantity: 1 }]);
    const none = shipped(randomUUID());
    const after = shipped(reserved);
    await send(none, after);
    await handled(none, after);
    expect(await count(`SELECT count(*)::int AS n FROM stock_reservations WHERE id = $1`, [none.aggregateId])).toBe(0);
    expect(await stockOf(`C-${suffix}`)).toEqual([{ on_hand: 4, reserved: 0 }]);
  });
});
