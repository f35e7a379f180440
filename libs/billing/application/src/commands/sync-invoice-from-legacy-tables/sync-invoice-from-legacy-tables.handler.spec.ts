import { Invoice } from '@bascule/billing/domain';
import { CommandMetadata } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { FixedClock, Money } from '@bascule/shared/ddd';
import { InvoiceChanges } from '../../invoice-changes';
import {
  LegacyInvoiceFields,
  LegacyInvoiceGroup,
  SyncInvoiceFromLegacyTablesCommand,
} from './sync-invoice-from-legacy-tables.command';
import { SyncInvoiceFromLegacyTablesHandler } from './sync-invoice-from-legacy-tables.handler';

const fromLegacy: CommandMetadata = {
  correlationId: 'legacy-lsn-1',
  causationId: 'legacy-tx-1',
  originSystem: 'legacy',
};
const id = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
const first: LegacyInvoiceFields = {
  orderId: 'orderId-1',
  number: 'number-1',
  issuedOn: 'issuedOn-1',
  totalExclVat: Money.of(7, 'EUR'),
  totalVat: Money.of(7, 'EUR'),
  totalInclVat: Money.of(7, 'EUR'),
};
const second: LegacyInvoiceFields = {
  orderId: 'orderId-2',
  number: 'number-2',
  issuedOn: 'issuedOn-2',
  totalExclVat: Money.of(8, 'EUR'),
  totalVat: Money.of(8, 'EUR'),
  totalInclVat: Money.of(8, 'EUR'),
};
const root = (fields: LegacyInvoiceFields, deleted = false) => ({ deleted, fields });

describe('SyncInvoiceFromLegacyTablesHandler', () => {
  const setup = () => {
    const repository = new InMemoryAggregateRepository<Invoice>();
    const handler = new SyncInvoiceFromLegacyTablesHandler(
      repository,
      new InvoiceChanges(repository),
      new FixedClock(),
    );
    const sync = (group: LegacyInvoiceGroup) =>
      handler.execute(new SyncInvoiceFromLegacyTablesCommand(id, group, fromLegacy));
    return { repository, sync, types: () => repository.events.map((event) => event.type) };
  };

  it('creates an unknown one from its `FACTURES` row, under the id derived from its legacy key, in one save', async () => {
    const { repository, sync, types } = setup();
    expect(await sync({ root: root(first), children: {} })).toEqual({ id, version: 1 });
    expect(types()).toEqual(['InvoiceCreated']);
    expect(repository.saved).toHaveLength(1);
    expect(repository.saved[0].metadata.originSystem).toBe('legacy');
  });

  it('applies a change of its `FACTURES` row alone (no child rows) in one save, and a replay of it as nothing', async () => {
    const { repository, sync, types } = setup();
    await sync({ root: root(first), children: {} });
    await sync({ root: root(second), children: {} });
    await sync({ root: root(second), children: {} });
    expect(types()).toEqual(['InvoiceCreated', 'InvoiceSyncedFromLegacy']);
    expect(repository.events[1]).toMatchObject(second);
    expect(repository.saved).toHaveLength(2);
  });

  it('refuses, whole, what it does not map yet: a deleted row, rows of a table without a collection, rows of one never created', async () => {
    const { sync, types } = setup();
    const unmapped = { UNMAPPED_TABLE: { upserted: [{ id, key: '1', fields: {} }], deleted: [] } };
    await expect(sync({ root: root(first, true), children: {} })).rejects.toThrow('never created here');
    await sync({ root: root(first), children: {} });
    await expect(sync({ root: root(first, true), children: {} })).rejects.toThrow('FACTURES deleted');
    await expect(sync({ root: root(second), children: unmapped })).rejects.toThrow('UNMAPPED_TABLE rows');
    expect(types()).toEqual(['InvoiceCreated']);
  });
});
