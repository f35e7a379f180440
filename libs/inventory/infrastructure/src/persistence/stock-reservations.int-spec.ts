import { randomUUID } from 'node:crypto';
import {
  CommitStockReservationCommand,
  CommitStockReservationHandler,
  CreateStockReservationCommand,
  CreateStockReservationHandler,
  ReleaseStockReservationCommand,
  ReleaseStockReservationHandler,
  StockMoves,
} from '@bascule/inventory/application';
import { inventoryEventContracts } from '@bascule/inventory/contracts';
import {
  RequestedLine,
  StockItem,
  StockItemId,
  StockReservation,
  StockReservationInvalidState,
} from '@bascule/inventory/domain';
import { cloudRequest } from '@bascule/shared/application';
import { ContractRegistry } from '@bascule/shared/contracts';
import { FixedClock, Money } from '@bascule/shared/ddd';
import { databaseOptions, OutboxWriter, PgAggregateStore, poolOf } from '@bascule/shared/persistence';
import { createTestDatabase, serviceRole, TestDatabase } from '@bascule/shared/testing';
import { DataSource } from 'typeorm';
import { inventoryDatabase } from '../inventory-database';
import { PgStockTransaction } from './pg-stock-transaction';
import { stockItemTable } from './stock-item.table';
import { stockReservationTable } from './stock-reservation.table';

describe('stock reservations on PostgreSQL: all lines or none, once per order, never below zero', () => {
  const clock = new FixedClock();
  let db: TestDatabase;
  let dataSource: DataSource;
  let items: PgAggregateStore<StockItem, any, any>;
  let reservations: PgAggregateStore<StockReservation, any, any>;
  let reserve: (orderId: string, lines: RequestedLine[]) => Promise<string>;
  let release: (orderId: string) => Promise<unknown>;
  let commit: (orderId: string) => Promise<unknown>;

  const stock = async (sku: string) => (await items.findById(StockItemId.forSku(sku).value))!.snapshot;
  const statusOf = async (orderId: string) => (await reservations.findById(orderId))!.snapshot.status;
  const outbox = (type: string, aggregateIds: string[]) =>
    dataSource.query<{ payload: { payload: Record<string, unknown> } }[]>(
      'SELECT payload FROM outbox WHERE type = $1 AND aggregateid = ANY($2) ORDER BY seq',
      [type, aggregateIds],
    );
  const createItem = async (sku: string, onHand: number) => {
    const item = StockItem.create(
      { sku, label: `Label ${sku}`, unitPrice: Money.fromJSON({ amount: 990, currency: 'EUR' }), onHand },
      clock,
    );
    await items.save(item, cloudRequest());
    return item.id.value;
  };

  beforeAll(async () => {
    db = await createTestDatabase('inventory_reservations', serviceRole('INVENTORY'));
    // 200 requests queue for 20 connections, then on one row: the wait for a connection is not what is measured.
    const env = { ...process.env, INVENTORY_DATABASE: db.name, DB_CONNECT_TIMEOUT_MS: '120000' };
    dataSource = await new DataSource(databaseOptions(inventoryDatabase, env)).initialize();
    const writer = new OutboxWriter(new ContractRegistry(inventoryEventContracts));
    items = new PgAggregateStore(poolOf(dataSource), stockItemTable(clock), writer);
    reservations = new PgAggregateStore(poolOf(dataSource), stockReservationTable(clock), writer);
    const moves = new StockMoves(items, reservations, new PgStockTransaction(dataSource));
    const creating = new CreateStockReservationHandler(moves, clock);
    reserve = async (orderId, lines) => {
      await creating.execute(new CreateStockReservationCommand({ orderId, lines }, cloudRequest()));
      return statusOf(orderId);
    };
    const target = (orderId: string) => ({
      aggregateId: orderId,
      expectedVersion: undefined,
      metadata: cloudRequest(),
    });
    release = (orderId) =>
      new ReleaseStockReservationHandler(moves).execute(new ReleaseStockReservationCommand(target(orderId)));
    commit = (orderId) =>
      new CommitStockReservationHandler(moves).execute(new CommitStockReservationCommand(target(orderId)));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('200 concurrent reservations of one unit against 50 on hand: exactly 50 succeed, available ends at 0', async () => {
    const itemId = await createItem('RACE-1', 50);
    const orders = Array.from({ length: 200 }, () => randomUUID());
    const outcomes = await Promise.all(orders.map((orderId) => reserve(orderId, [{ sku: 'RACE-1', quantity: 1 }])));
    expect(outcomes.filter((status) => status === 'RESERVED')).toHaveLength(50);
    expect(outcomes.filter((status) => status === 'REJECTED')).toHaveLength(150);
    expect(await stock('RACE-1')).toMatchObject({ onHand: 50, reserved: 50 });
    const reserved = await outbox('inventory.stock-item-reserved', [itemId]);
    expect(reserved).toHaveLength(50);
    // Never below: each reservation took one unit from what the one before it left (49 … 0 available after it).
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM stock_reservations WHERE id = ANY($1) AND status = 'RESERVED'`,
      [orders],
    );
    expect(count).toBe(50);
    const rejected = await outbox('inventory.stock-reservation-rejected', orders);
    expect(rejected).toHaveLength(150);
    for (const { payload } of rejected)
      expect(payload.payload).toMatchObject({
        reason: 'INSUFFICIENT_STOCK',
        shortLines: [{ sku: 'RACE-1', requested: 1, available: 0 }],
      });
  });

  it('reserves every line of an order, or none when one is short (the lines short in the rejection)', async () => {
    await createItem('ALL-A', 5);
    await createItem('ALL-B', 2);
    const short = randomUUID();
    const lines = [
      { sku: 'ALL-A', quantity: 3 },
      { sku: 'ALL-B', quantity: 3 },
      { sku: 'NO-SUCH-SKU', quantity: 1 },
    ];
    expect(await reserve(short, lines)).toBe('REJECTED');
    expect(await stock('ALL-A')).toMatchObject({ reserved: 0 });
    expect(await stock('ALL-B')).toMatchObject({ reserved: 0 });
    const [rejected] = await outbox('inventory.stock-reservation-rejected', [short]);
    expect(rejected.payload.payload).toEqual({
      stockReservationId: short,
      reason: 'INSUFFICIENT_STOCK',
      lines,
      shortLines: [
        { sku: 'ALL-B', requested: 3, available: 2 },
        { sku: 'NO-SUCH-SKU', requested: 1, available: 0 },
      ],
    });

    const whole = randomUUID();
    expect(await reserve(whole, lines.slice(0, 1).concat({ sku: 'ALL-B', quantity: 2 }))).toBe('RESERVED');
    expect(await stock('ALL-A')).toMatchObject({ onHand: 5, reserved: 3 });
    expect(await stock('ALL-B')).toMatchObject({ onHand: 2, reserved: 2 });
    const [created] = await outbox('inventory.stock-reservation-created', [whole]);
    expect(created.payload.payload).toMatchObject({
      status: 'RESERVED',
      lines: [
        { sku: 'ALL-A', quantity: 3 },
        { sku: 'ALL-B', quantity: 2 },
      ],
    });
  });

  it('is idempotent per order id, also when its attempts race', async () => {
    await createItem('ONCE-1', 10);
    const orderId = randomUUID();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => reserve(orderId, [{ sku: 'ONCE-1', quantity: 4 }])),
    );
    expect(new Set(outcomes)).toEqual(new Set(['RESERVED']));
    expect(await stock('ONCE-1')).toMatchObject({ onHand: 10, reserved: 4 });
    expect(await outbox('inventory.stock-reservation-created', [orderId])).toHaveLength(1);
  });

  it('releases once (again: nothing), and a released reservation cannot be committed', async () => {
    await createItem('REL-1', 3);
    const orderId = randomUUID();
    await reserve(orderId, [{ sku: 'REL-1', quantity: 3 }]);
    await release(orderId);
    await release(orderId);
    expect(await statusOf(orderId)).toBe('RELEASED');
    expect(await stock('REL-1')).toMatchObject({ onHand: 3, reserved: 0 });
    expect(await outbox('inventory.stock-reservation-released', [orderId])).toHaveLength(1);
    await expect(commit(orderId)).rejects.toBeInstanceOf(StockReservationInvalidState);
  });

  it('commits once: the reserved units leave the stock', async () => {
    await createItem('SHIP-1', 7);
    const orderId = randomUUID();
    await reserve(orderId, [{ sku: 'SHIP-1', quantity: 5 }]);
    await commit(orderId);
    await commit(orderId);
    expect(await statusOf(orderId)).toBe('COMMITTED');
    expect(await stock('SHIP-1')).toMatchObject({ onHand: 2, reserved: 0 });
    expect(await outbox('inventory.stock-reservation-committed', [orderId])).toHaveLength(1);
    await expect(release(orderId)).rejects.toBeInstanceOf(StockReservationInvalidState);
  });
});
