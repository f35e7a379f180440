import { StockItem, StockItemId } from '@bascule/inventory/domain';
import { CommandMetadata } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { FixedClock, Money } from '@bascule/shared/ddd';
import { StockItemChanges } from '../../stock-item-changes';
import {
  LegacyStockItemFields,
  LegacyStockItemGroup,
  SyncStockItemFromLegacyTablesCommand,
} from './sync-stock-item-from-legacy-tables.command';
import { SyncStockItemFromLegacyTablesHandler } from './sync-stock-item-from-legacy-tables.handler';

const fromLegacy: CommandMetadata = {
  correlationId: 'legacy-lsn-1',
  causationId: 'legacy-tx-1',
  originSystem: 'legacy',
};
// By hand: a STOCK row's stock item is its sku's (ADR 0040); a sku never changes, nothing reserved at first.
const id = StockItemId.forSku('sku-1').value;
const first: LegacyStockItemFields = {
  sku: 'sku-1',
  label: 'label-1',
  unitPrice: Money.of(7, 'EUR'),
  onHand: 7,
  reserved: 0,
};
const second: LegacyStockItemFields = {
  sku: 'sku-1',
  label: 'label-2',
  unitPrice: Money.of(8, 'EUR'),
  onHand: 8,
  reserved: 8,
};
const root = (fields: LegacyStockItemFields, deleted = false) => ({ deleted, fields });

describe('SyncStockItemFromLegacyTablesHandler', () => {
  const setup = () => {
    const repository = new InMemoryAggregateRepository<StockItem>();
    const handler = new SyncStockItemFromLegacyTablesHandler(
      repository,
      new StockItemChanges(repository),
      new FixedClock(),
    );
    const sync = (group: LegacyStockItemGroup) =>
      handler.execute(new SyncStockItemFromLegacyTablesCommand(id, group, fromLegacy));
    return { repository, sync, types: () => repository.events.map((event) => event.type) };
  };

  it('creates an unknown one from its `STOCK` row, under the id derived from its legacy key, in one save', async () => {
    const { repository, sync, types } = setup();
    expect(await sync({ root: root(first), children: {} })).toEqual({ id, version: 1 });
    expect(types()).toEqual(['StockItemCreated']);
    expect(repository.saved).toHaveLength(1);
    expect(repository.saved[0].metadata.originSystem).toBe('legacy');
  });

  it('applies a change of its `STOCK` row alone (no child rows) in one save, and a replay of it as nothing', async () => {
    const { repository, sync, types } = setup();
    await sync({ root: root(first), children: {} });
    await sync({ root: root(second), children: {} });
    await sync({ root: root(second), children: {} });
    expect(types()).toEqual(['StockItemCreated', 'StockItemSyncedFromLegacy']);
    expect(repository.events[1]).toMatchObject(second);
    expect(repository.saved).toHaveLength(2);
  });

  it('creates one whose row reserves units already: created with none, then synced, in one save', async () => {
    const { repository, sync, types } = setup();
    await sync({ root: root(second), children: {} });
    expect(types()).toEqual(['StockItemCreated', 'StockItemSyncedFromLegacy']);
    expect(repository.saved).toHaveLength(1);
    expect((await repository.findById(id))?.snapshot).toMatchObject({ onHand: 8, reserved: 8 });
  });

  it('refuses counts no stock item can hold, created or synced: negative, or more reserved than on hand', async () => {
    const { sync, types } = setup();
    await expect(sync({ root: root({ ...first, onHand: -1 }), children: {} })).rejects.toThrow('not negative');
    await sync({ root: root(first), children: {} });
    await expect(sync({ root: root({ ...first, reserved: -2 }), children: {} })).rejects.toThrow('not negative');
    await expect(sync({ root: root({ ...first, onHand: 3, reserved: 4 }), children: {} })).rejects.toThrow();
    expect(types()).toEqual(['StockItemCreated']);
  });

  it('refuses a row whose key is not the sku of the stock item it names', async () => {
    const { sync, types } = setup();
    await expect(sync({ root: root({ ...first, sku: 'sku-9' }), children: {} })).rejects.toThrow(
      'a STOCK key that is not its sku',
    );
    expect(types()).toEqual([]);
  });

  it('refuses, whole, what it does not map yet: a deleted row, rows of a table without a collection, rows of one never created', async () => {
    const { sync, types } = setup();
    const unmapped = { UNMAPPED_TABLE: { upserted: [{ id, key: '1', fields: {} }], deleted: [] } };
    await expect(sync({ root: root(first, true), children: {} })).rejects.toThrow('never created here');
    await sync({ root: root(first), children: {} });
    await expect(sync({ root: root(first, true), children: {} })).rejects.toThrow('STOCK deleted');
    await expect(sync({ root: root(second), children: unmapped })).rejects.toThrow('UNMAPPED_TABLE rows');
    expect(types()).toEqual(['StockItemCreated']);
  });
});
