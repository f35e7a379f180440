import {
  StockReservation,
  StockReservationId,
  StockReservationState,
  StockReservationLineState,
} from '@bascule/inventory/domain';
import { inventoryEventContracts } from '@bascule/inventory/contracts';
import { cloudRequest } from '@bascule/shared/application';
import { ContractRegistry } from '@bascule/shared/contracts';
import { ConcurrencyError, FixedClock } from '@bascule/shared/ddd';
import { databaseOptions, OutboxWriter, PgAggregateStore, poolOf } from '@bascule/shared/persistence';
import { createTestDatabase, serviceRole, TestDatabase } from '@bascule/shared/testing';
import { DataSource } from 'typeorm';
import { inventoryDatabase } from '../inventory-database';
import { stockReservationTable } from './stock-reservation.table';
import { PgStockReservationReadModel } from './pg-stock-reservation.read-model';

describe('stock reservation lines stored with their stock reservation (ADR 0025: one transaction, under its version)', () => {
  const clock = new FixedClock();
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: PgAggregateStore<StockReservation, any, any>;
  let readModel: PgStockReservationReadModel;
  const root: StockReservationState = {
    status: 'RESERVED',
  };
  const states: StockReservationLineState[] = [
    {
      sku: 'First sku',
      quantity: 42,
    },
    {
      sku: 'Second sku',
      quantity: 43,
    },
  ];
  const [first, second, third] = [
    '5b0f5e4e-8c1d-4a3b-9e2f-0000000000a1',
    '5b0f5e4e-8c1d-4a3b-9e2f-0000000000a2',
    '5b0f5e4e-8c1d-4a3b-9e2f-0000000000a3',
  ];
  const held = (stockReservation?: StockReservation) =>
    stockReservation?.stockReservationLines.map((stockReservationLine) => [
      stockReservationLine.id.value,
      stockReservationLine.snapshot,
    ]);
  const saved = async () => {
    const stockReservation = StockReservation.create(StockReservationId.generate(), root, clock);
    stockReservation.addStockReservationLine({ stockReservationLineId: first, ...states[0] });
    stockReservation.addStockReservationLine({ stockReservationLineId: second, ...states[1] });
    await store.save(stockReservation, cloudRequest());
    return stockReservation.id.value;
  };

  beforeAll(async () => {
    db = await createTestDatabase('inventory_stock_reservation_line_id', serviceRole('INVENTORY'));
    dataSource = await new DataSource(
      databaseOptions(inventoryDatabase, { ...process.env, INVENTORY_DATABASE: db.name }),
    ).initialize();
    const outbox = new OutboxWriter(new ContractRegistry(inventoryEventContracts));
    store = new PgAggregateStore(poolOf(dataSource), stockReservationTable(clock), outbox);
    readModel = new PgStockReservationReadModel(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('saves the stock reservation lines with the stock reservation, loads them back in order, and answers them in its view', async () => {
    const id = await saved();
    expect(held(await store.findById(id))).toEqual([
      [first, states[0]],
      [second, states[1]],
    ]);
    expect((await readModel.get(id))?.stockReservationLines.map((view) => view.id)).toEqual([first, second]);
    expect(
      (await readModel.list({ limit: 100 })).items.find((view) => view.id === id)?.stockReservationLines,
    ).toHaveLength(2);
  });

  it('deletes the row of one removed, and refuses a save on a stale version before writing any child row', async () => {
    const id = await saved();
    const stale = await store.findById(id);
    const current = await store.findById(id);
    current!.removeStockReservationLine({ stockReservationLineId: first });
    await store.save(current!, cloudRequest());
    stale!.addStockReservationLine({ stockReservationLineId: third, ...states[0] });
    await expect(store.save(stale!, cloudRequest())).rejects.toBeInstanceOf(ConcurrencyError);
    expect(held(await store.findById(id))).toEqual([[second, states[1]]]);
    const rows = await dataSource.query(
      'SELECT stock_reservation_line_id FROM stock_reservation_lines WHERE stock_reservation_id = $1',
      [id],
    );
    expect(rows).toEqual([{ stock_reservation_line_id: second }]);
  });
});
