import { StockReservation, StockReservationId, StockReservationState } from '@bascule/inventory/domain';
import { inventoryEventContracts } from '@bascule/inventory/contracts';
import { cloudRequest } from '@bascule/shared/application';
import { ContractRegistry } from '@bascule/shared/contracts';
import { ConcurrencyError, FixedClock } from '@bascule/shared/ddd';
import { databaseOptions, OutboxWriter, PgAggregateStore, poolOf } from '@bascule/shared/persistence';
import { createTestDatabase, serviceRole, TestDatabase } from '@bascule/shared/testing';
import { DataSource } from 'typeorm';
import { inventoryDatabase } from '../inventory-database';
import { stockReservationTable } from './stock-reservation.table';

describe('stock reservations stored on PostgreSQL (the migrations, the row and the outbox in one transaction)', () => {
  const clock = new FixedClock();
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: PgAggregateStore<StockReservation, any, any>;
  const states: StockReservationState[] = [
    {
      status: 'RESERVED',
    },
    {
      status: 'REJECTED',
    },
  ];
  const state = (variant: number) => states[variant];

  beforeAll(async () => {
    db = await createTestDatabase('inventory_store', serviceRole('INVENTORY'));
    dataSource = await new DataSource(
      databaseOptions(inventoryDatabase, { ...process.env, INVENTORY_DATABASE: db.name }),
    ).initialize();
    const outbox = new OutboxWriter(new ContractRegistry(inventoryEventContracts));
    store = new PgAggregateStore(poolOf(dataSource), stockReservationTable(clock), outbox);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('saves a new one with its event in the outbox, and loads it back with every field in its type', async () => {
    const created = StockReservation.create(StockReservationId.generate(), state(0), clock);
    await store.save(created, cloudRequest('corr-store'));
    const loaded = await store.findById(created.id.value);
    expect(loaded?.version).toBe(1);
    expect(loaded?.snapshot).toEqual(state(0));
    const outbox = await dataSource.query('SELECT type, aggregateid, payload FROM outbox WHERE aggregateid = $1', [
      created.id.value,
    ]);
    expect(outbox).toEqual([
      expect.objectContaining({ type: 'inventory.stock-reservation-created', aggregateid: created.id.value }),
    ]);
    expect(outbox[0].payload).toMatchObject({
      correlationId: 'corr-store',
      payload: { stockReservationId: created.id.value, status: 'RESERVED' },
    });
  });

  it('stores the other values as they were', async () => {
    const created = StockReservation.create(StockReservationId.generate(), state(1), clock);
    await store.save(created, cloudRequest());
    expect((await store.findById(created.id.value))?.snapshot).toEqual(state(1));
  });

  it('refuses a second insert of the same id as a lost race, and saves nothing of it', async () => {
    const id = StockReservationId.generate();
    await store.save(StockReservation.create(id, state(0), clock), cloudRequest());
    await expect(store.save(StockReservation.create(id, state(1), clock), cloudRequest())).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
    expect((await store.findById(id.value))?.snapshot).toEqual(state(0));
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM outbox WHERE aggregateid = $1', [
      id.value,
    ]);
    expect(count).toBe(1);
  });
});
