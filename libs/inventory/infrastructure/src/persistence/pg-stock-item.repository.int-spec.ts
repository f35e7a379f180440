import { NewStockItem, StockItem, StockItemSkuTaken } from '@bascule/inventory/domain';
import { inventoryEventContracts } from '@bascule/inventory/contracts';
import { cloudRequest } from '@bascule/shared/application';
import { ContractRegistry } from '@bascule/shared/contracts';
import { FixedClock, Money } from '@bascule/shared/ddd';
import { databaseOptions, OutboxWriter, PgAggregateStore, poolOf } from '@bascule/shared/persistence';
import { createTestDatabase, serviceRole, TestDatabase } from '@bascule/shared/testing';
import { DataSource } from 'typeorm';
import { inventoryDatabase } from '../inventory-database';
import { stockItemTable } from './stock-item.table';

describe('stock items stored on PostgreSQL (the migrations, the row and the outbox in one transaction)', () => {
  const clock = new FixedClock();
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: PgAggregateStore<StockItem, any, any>;
  const states: NewStockItem[] = [
    {
      sku: 'FIRST-SKU',
      label: 'First label',
      unitPrice: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
      vatRate: 2000,
      onHand: 42,
    },
    {
      sku: 'SECOND-SKU',
      label: 'Second label',
      unitPrice: Money.fromJSON({ amount: 1251, currency: 'EUR' }),
      vatRate: 550,
      onHand: 43,
    },
  ];
  const state = (variant: number) => states[variant];

  beforeAll(async () => {
    db = await createTestDatabase('inventory_store', serviceRole('INVENTORY'));
    dataSource = await new DataSource(
      databaseOptions(inventoryDatabase, { ...process.env, INVENTORY_DATABASE: db.name }),
    ).initialize();
    const outbox = new OutboxWriter(new ContractRegistry(inventoryEventContracts));
    store = new PgAggregateStore(poolOf(dataSource), stockItemTable(clock), outbox);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('saves a new one with its event in the outbox, and loads it back with every field in its type', async () => {
    const created = StockItem.create(state(0), clock);
    await store.save(created, cloudRequest('corr-store'));
    const loaded = await store.findById(created.id.value);
    expect(loaded?.version).toBe(1);
    expect(loaded?.snapshot).toEqual({ ...state(0), reserved: 0 });
    const outbox = await dataSource.query('SELECT type, aggregateid, payload FROM outbox WHERE aggregateid = $1', [
      created.id.value,
    ]);
    expect(outbox).toEqual([
      expect.objectContaining({ type: 'inventory.stock-item-created', aggregateid: created.id.value }),
    ]);
    expect(outbox[0].payload).toMatchObject({
      correlationId: 'corr-store',
      payload: {
        stockItemId: created.id.value,
        sku: 'FIRST-SKU',
        label: 'First label',
        unitPrice: { amount: 1250, currency: 'EUR' },
        onHand: 42,
        reserved: 0,
      },
    });
  });

  it('stores the other values as they were', async () => {
    const created = StockItem.create(state(1), clock);
    await store.save(created, cloudRequest());
    expect((await store.findById(created.id.value))?.snapshot).toEqual({ ...state(1), reserved: 0 });
  });

  it('refuses a second stock item of one sku (STOCK_ITEM.SKU_TAKEN), and saves nothing of it', async () => {
    const first = StockItem.create({ ...state(0), sku: 'TAKEN-SKU' }, clock);
    await store.save(first, cloudRequest());
    const second = StockItem.create({ ...state(1), sku: 'TAKEN-SKU' }, clock);
    await expect(store.save(second, cloudRequest())).rejects.toBeInstanceOf(StockItemSkuTaken);
    expect((await store.findById(first.id.value))?.snapshot).toEqual({ ...state(0), sku: 'TAKEN-SKU', reserved: 0 });
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM outbox WHERE aggregateid = $1', [
      first.id.value,
    ]);
    expect(count).toBe(1);
  });

  it('keeps available = on hand − reserved never negative in the table too (its CHECK)', async () => {
    const item = StockItem.create({ ...state(0), sku: 'CHECKED-SKU', onHand: 1 }, clock);
    await store.save(item, cloudRequest());
    await expect(
      dataSource.query('UPDATE stock_items SET reserved = 2 WHERE id = $1', [item.id.value]),
    ).rejects.toMatchObject({ constraint: 'stock_items_available_never_negative' });
  });
});
