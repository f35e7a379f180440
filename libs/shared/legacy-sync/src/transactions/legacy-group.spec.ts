import { CapturedChange } from '@bascule/shared/contracts';
import { childRowsOf, CapturedGroup, groupReleaser, GroupQuarantined, LegacyGroupDefinition } from './legacy-group';
import { BufferedChange } from './pg-transaction-buffer';

type Row = Record<string, unknown>;
const decode = (value: Buffer | null): CapturedChange<Row> | null => {
  const { key, row, lsn, op } = JSON.parse(value?.toString() ?? '{}') as {
    key: string | number;
    row: Row;
    lsn: number;
    op?: string;
  };
  return { key, row, lsn, txId: 1, deleted: op === 'd', committedAtMs: 0, transactionId: '1', transactionOrder: lsn };
};
const ROOT = { table: 'CAISSES', keyOf: () => undefined, decode };
const LINES = { table: 'LIGNES_CAISSE', keyOf: () => undefined, decode };

const buffered = (table: string, key: string | number, row: Row, lsn: number, op = 'c'): BufferedChange => ({
  transactionId: '1',
  table,
  order: lsn,
  lsn,
  topic: `legacy.public.${table}`,
  partition: 0,
  offset: String(lsn),
  key: null,
  value: Buffer.from(JSON.stringify({ key, row, lsn, op })),
});

describe('a legacy group released', () => {
  const commands: { aggregateId: string; value: unknown }[] = [];
  const recorded: unknown[] = [];
  const definition: LegacyGroupDefinition<unknown> = {
    service: 'crates-service',
    tables: [ROOT, { capture: LINES, parent: ROOT, parentKeyOf: (row: Row) => row['NO_CAISSE'] as number }],
    readEnd: () => null,
    keyMap: { table: 'legacy_crate_keys', keyType: 'text' },
    aggregateIdOf: (key) => `crate-${key}`,
    translate: (group: CapturedGroup) => ({
      value: {
        root: group.root?.row ?? null,
        lines: childRowsOf(group, { LIGNES_CAISSE: (row: Row) => row['QTE'] }, (table, key) => `${table}/${key}`),
      },
      kept: null,
    }),
    command: (aggregateId, value) => ({ aggregateId, value }),
  };
  const keys = (applied: Record<string, number> = {}, erased: string[] = []) => ({
    lastLsns: async () => new Map(Object.entries(applied)),
    known: async () => ({ lastLsns: new Map(Object.entries(applied)), erased: new Set<string>() }),
    erasedAggregates: async (ids: string[]) => new Set(ids.filter((id) => erased.includes(id))),
    recordAll: async (records: unknown[]) => void recorded.push(...records),
    keysOf: async () => [],
  });
  const commandBus = { execute: async (command: object) => void commands.push(command as (typeof commands)[0]) };

  beforeEach(() => {
    commands.length = 0;
    recorded.length = 0;
  });

  it('is one command per aggregate, its children in transaction order, whatever table came first', async () => {
    await groupReleaser(
      definition,
      keys(),
      commandBus,
    )([
      {
        transactionId: '1',
        changes: [
          buffered('LIGNES_CAISSE', '{"NO_CAISSE":7,"NO":2}', { NO_CAISSE: 7, QTE: 2 }, 12),
          buffered('CAISSES', 7, { NO_CAISSE: 7 }, 10),
          buffered('LIGNES_CAISSE', '{"NO_CAISSE":7,"NO":1}', { NO_CAISSE: 7, QTE: 1 }, 11),
          buffered('LIGNES_CAISSE', '{"NO_CAISSE":8,"NO":1}', { NO_CAISSE: 8, QTE: 5 }, 13),
          buffered('LIGNES_CAISSE', '{"NO_CAISSE":7,"NO":2}', { NO_CAISSE: 7 }, 14, 'd'),
        ],
      },
    ]);
    expect(commands).toEqual([
      {
        aggregateId: 'crate-7',
        value: {
          root: { NO_CAISSE: 7 },
          lines: {
            LIGNES_CAISSE: {
              upserted: [{ id: 'LIGNES_CAISSE/{"NO_CAISSE":7,"NO":1}', key: '{"NO_CAISSE":7,"NO":1}', fields: 1 }],
              deleted: [{ id: 'LIGNES_CAISSE/{"NO_CAISSE":7,"NO":2}', key: '{"NO_CAISSE":7,"NO":2}' }],
            },
          },
        },
      },
      {
        aggregateId: 'crate-8',
        value: {
          root: null,
          lines: {
            LIGNES_CAISSE: {
              upserted: [{ id: 'LIGNES_CAISSE/{"NO_CAISSE":8,"NO":1}', key: '{"NO_CAISSE":8,"NO":1}', fields: 5 }],
              deleted: [],
            },
          },
        },
      },
    ]);
    expect(recorded).toHaveLength(5);
  });

  it('drops the changes at or below their key last applied position (a replay past the buffer retention)', async () => {
    await groupReleaser(
      definition,
      keys({ '7': 10, '{"NO_CAISSE":7,"NO":1}': 11 }),
      commandBus,
    )([
      {
        transactionId: '1',
        changes: [
          buffered('CAISSES', 7, { NO_CAISSE: 7 }, 10),
          buffered('LIGNES_CAISSE', '{"NO_CAISSE":7,"NO":1}', { NO_CAISSE: 7, QTE: 1 }, 11),
        ],
      },
    ]);
    expect(commands).toEqual([]);
    expect(recorded).toEqual([]);
  });

  it('refuses the whole transaction when the translation quarantines a group', async () => {
    const refusing = { ...definition, translate: () => ({ quarantine: ['QTE is negative'] }) };
    await expect(
      groupReleaser(
        refusing,
        keys(),
        commandBus,
      )([{ transactionId: '1', changes: [buffered('CAISSES', 7, { NO_CAISSE: 7 }, 10)] }]),
    ).rejects.toThrow('QTE is negative');
    expect(commands).toEqual([]);
  });

  it('quarantines a group whose converter finds a row corrupt (a safe message), other errors pass as they are', async () => {
    const corrupt = Object.assign(new Error('MONTANT_TTC is NULL'), { safeMessage: true });
    const release = (error: Error) =>
      groupReleaser(
        {
          ...definition,
          translate: () => {
            throw error;
          },
        },
        keys(),
        commandBus,
      )([
        {
          transactionId: '1',
          changes: [
            buffered('CAISSES', 7, { NO_CAISSE: 7 }, 10),
            buffered('LIGNES_CAISSE', '{"NO_CAISSE":7,"NO":1}', { NO_CAISSE: 7, QTE: 1 }, 11),
          ],
        },
      ]);
    const refused = await release(corrupt).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GroupQuarantined);
    expect(refused).toMatchObject({ message: 'MONTANT_TTC is NULL' });
    const bug = new TypeError('x is undefined');
    await expect(release(bug)).rejects.toBe(bug);
    expect(commands).toEqual([]);
  });

  it('keeps what the translation keeps on the root row’s key, never on a child’s', async () => {
    const keeping = {
      ...definition,
      translate: (group: CapturedGroup) => ({ ...definition.translate(group), kept: { QTE_NULL: true } }),
    };
    await groupReleaser(
      keeping,
      keys(),
      commandBus,
    )([
      {
        transactionId: '1',
        changes: [
          buffered('CAISSES', 7, { NO_CAISSE: 7 }, 10),
          buffered('LIGNES_CAISSE', '{"NO_CAISSE":7,"NO":1}', { NO_CAISSE: 7, QTE: 1 }, 11),
        ],
      },
    ]);
    expect(recorded).toEqual([
      expect.objectContaining({ table: 'CAISSES', key: 7, kept: { QTE_NULL: true } }),
      expect.objectContaining({ table: 'LIGNES_CAISSE', kept: null }),
    ]);
  });

  it('drops the groups of an erased aggregate before translating them, says which tables they held, records none of their keys', async () => {
    const refusing = { ...definition, translate: () => ({ quarantine: ['would be set aside with its rows'] }) };
    const quarantining = {
      ...refusing,
      translate: (group: CapturedGroup) =>
        group.aggregateId === 'crate-7' ? refusing.translate() : definition.translate(group),
    };
    const released = await groupReleaser(
      quarantining,
      keys({}, ['crate-7']),
      commandBus,
    )([
      {
        transactionId: '1',
        changes: [
          buffered('CAISSES', 7, { NO_CAISSE: 7 }, 10),
          buffered('LIGNES_CAISSE', '{"NO_CAISSE":7,"NO":1}', { NO_CAISSE: 7, QTE: 1 }, 11),
          buffered('LIGNES_CAISSE', '{"NO_CAISSE":8,"NO":1}', { NO_CAISSE: 8, QTE: 5 }, 12),
        ],
      },
    ]);
    expect(released.erased).toEqual(['CAISSES', 'LIGNES_CAISSE']);
    expect(released.applied.map((record) => [record.table, record.aggregateId])).toEqual([
      ['LIGNES_CAISSE', 'crate-8'],
    ]);
    expect(commands.map((command) => command.aggregateId)).toEqual(['crate-8']);
    expect(recorded).toHaveLength(1);
  });

  it('is declared root first, each child naming that root as its parent', () => {
    expect(() => groupReleaser({ ...definition, tables: [definition.tables[1]] }, keys(), commandBus)).toThrow(
      'starts with its root table',
    );
    const stray = { capture: LINES, parent: 'COLIS', parentKeyOf: () => 1 };
    expect(() => groupReleaser({ ...definition, tables: [ROOT, stray] }, keys(), commandBus)).toThrow(
      'LIGNES_CAISSE: a child of CAISSES',
    );
  });
});
