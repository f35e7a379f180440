import { Order } from '@bascule/orders/domain';
import { CommandMetadata } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { FixedClock, Money } from '@bascule/shared/ddd';
import { OrderChanges } from '../../order-changes';
import {
  LegacyOrderFields,
  LegacyOrderGroup,
  SyncOrderFromLegacyTablesCommand,
} from './sync-order-from-legacy-tables.command';
import { SyncOrderFromLegacyTablesHandler } from './sync-order-from-legacy-tables.handler';

const fromLegacy: CommandMetadata = {
  correlationId: 'legacy-lsn-1',
  causationId: 'legacy-tx-1',
  originSystem: 'legacy',
};
const id = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
const first: LegacyOrderFields = { clientId: 'clientId-1', total: Money.of(7, 'EUR'), status: 'PENDING' };
const second: LegacyOrderFields = { clientId: 'clientId-2', total: Money.of(8, 'EUR'), status: 'CONFIRMED' };
const root = (fields: LegacyOrderFields, deleted = false) => ({ deleted, fields });

describe('SyncOrderFromLegacyTablesHandler', () => {
  const setup = () => {
    const repository = new InMemoryAggregateRepository<Order>();
    const handler = new SyncOrderFromLegacyTablesHandler(repository, new OrderChanges(repository), new FixedClock());
    const sync = (group: LegacyOrderGroup) =>
      handler.execute(new SyncOrderFromLegacyTablesCommand(id, group, fromLegacy));
    return { repository, sync, types: () => repository.events.map((event) => event.type) };
  };

  it('creates an unknown one from its `COMMANDES` row, under the id derived from its legacy key, in one save', async () => {
    const { repository, sync, types } = setup();
    expect(await sync({ root: root(first), children: {} })).toEqual({ id, version: 1 });
    expect(types()).toEqual(['OrderSyncedFromLegacy']);
    expect(repository.saved).toHaveLength(1);
    expect(repository.saved[0].metadata.originSystem).toBe('legacy');
  });

  it('applies a change of its `COMMANDES` row alone (no child rows) in one save, and a replay of it as nothing', async () => {
    const { repository, sync, types } = setup();
    await sync({ root: root(first), children: {} });
    await sync({ root: root(second), children: {} });
    await sync({ root: root(second), children: {} });
    expect(types()).toEqual(['OrderSyncedFromLegacy', 'OrderSyncedFromLegacy']);
    expect(repository.events[1]).toMatchObject(second);
    expect(repository.saved).toHaveLength(2);
  });

  it('refuses, whole, what it does not map yet: a deleted row, rows of a table without a collection, rows of one never created', async () => {
    const { sync, types } = setup();
    const unmapped = { UNMAPPED_TABLE: { upserted: [{ id, key: '1', fields: {} }], deleted: [] } };
    await expect(sync({ root: root(first, true), children: {} })).rejects.toThrow('never created here');
    await sync({ root: root(first), children: {} });
    await expect(sync({ root: root(first, true), children: {} })).rejects.toThrow('COMMANDES deleted');
    await expect(sync({ root: root(second), children: unmapped })).rejects.toThrow('UNMAPPED_TABLE rows');
    expect(types()).toEqual(['OrderSyncedFromLegacy']);
  });
});
