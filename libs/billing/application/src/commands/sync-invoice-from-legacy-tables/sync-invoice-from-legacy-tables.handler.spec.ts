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
  orderId: '0c0a1e5e-7d1f-5b8e-9a6b-1f2e3d4c5b6a',
  number: '17',
  issuedOn: '2024-03-01',
  totalExclVat: Money.of(26633, 'EUR'),
  totalVat: Money.of(5327, 'EUR'),
  totalInclVat: Money.of(31960, 'EUR'),
};
const second: LegacyInvoiceFields = { ...first, totalExclVat: Money.of(26634, 'EUR'), totalVat: Money.of(5326, 'EUR') };
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

  // By hand (ADR 0050): a legacy invoice is issued, in its own series, with nothing credited; it never changes.
  it('creates it issued, with its legacy number and totals and nothing credited', async () => {
    const { repository, sync } = setup();
    await sync({ root: root(first), children: {} });
    expect((await repository.findById(id))?.snapshot).toEqual({
      ...first,
      creditedInclVat: Money.of(0, 'EUR'),
      status: 'ISSUED',
    });
    expect(repository.events[0]).toMatchObject({ ...first, lines: [] });
  });

  it('takes its row written again with the values it was issued with as nothing, and refuses other values: an issued invoice never changes', async () => {
    const { repository, sync, types } = setup();
    await sync({ root: root(first), children: {} });
    await sync({ root: root(first), children: {} });
    for (const changed of [second, { ...first, totalVat: Money.of(6, 'EUR') }, { ...first, issuedOn: '2020-01-02' }])
      await expect(sync({ root: root(changed), children: {} })).rejects.toMatchObject({
        code: 'INVOICE.ISSUED_IMMUTABLE',
      });
    expect(types()).toEqual(['InvoiceCreated']);
    expect(repository.saved).toHaveLength(1);
    expect((await repository.findById(id))?.snapshot).toMatchObject(first);
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
