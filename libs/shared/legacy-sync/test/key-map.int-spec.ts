import { compositeLegacyKey } from '@bascule/shared/contracts';
import { inTransaction, shredSubject, subjectKeysTableUp } from '@bascule/shared/persistence';
import { createTestDatabase, TestDatabase } from '@bascule/shared/testing';
import { Pool } from 'pg';
import {
  keyMapManyKeysPerAggregateDown,
  keyMapManyKeysPerAggregateUp,
  keyMapTableUp,
} from '../src/key-map/key-map-table';
import { KeyRecord } from '../src/key-map/key-record';
import { PgLegacyKeyMap } from '../src/key-map/pg-legacy-key-map';

const lineKey = compositeLegacyKey({ NO_COMMANDE: 'integer', NO_LIGNE: 'integer' });
const ORDER = '00000000-0000-4000-8000-000000500001';
const OTHER_ORDER = '00000000-0000-4000-8000-000000500002';

const line = (order: number, no: number, aggregateId: string, lsn: number, kept: unknown = null): KeyRecord => ({
  key: lineKey.encode({ NO_COMMANDE: order, NO_LIGNE: no }),
  aggregateId,
  lsn,
  deleted: false,
  kept,
  committedAtMs: 0,
});

describe('the key map on PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('legacy_key_map');
    pool = new Pool({ ...db.settings, max: 2 });
    // A platform table: the key map reads the erasure marks with the positions (ADR 0033).
    for (const statement of subjectKeysTableUp) await pool.query(statement);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('holds many composite keys for one aggregate, each with its own position', async () => {
    const table = { table: 'legacy_line_keys', keyType: 'text' } as const;
    for (const statement of keyMapTableUp(table)) await pool.query(statement);
    const keys = new PgLegacyKeyMap(pool, table);

    await keys.recordAll([
      line(500001, 1, ORDER, 10, { QUANTITE: 1 }),
      line(500001, 2, ORDER, 11),
      line(500002, 1, OTHER_ORDER, 12),
      line(500001, 1, ORDER, 13, { QUANTITE: 3 }),
    ]);
    // An older change of a key never overwrites its newer one.
    await keys.recordAll([line(500001, 2, ORDER, 5)]);

    expect(await keys.keysOf(ORDER)).toEqual([
      { key: '{"NO_COMMANDE":500001,"NO_LIGNE":1}', lastLsn: 13, deleted: false },
      { key: '{"NO_COMMANDE":500001,"NO_LIGNE":2}', lastLsn: 11, deleted: false },
    ]);
    expect(await keys.keysOf(OTHER_ORDER)).toEqual([
      { key: '{"NO_COMMANDE":500002,"NO_LIGNE":1}', lastLsn: 12, deleted: false },
    ]);
    const read = lineKey.parse({ NO_LIGNE: 1, NO_COMMANDE: 500001 });
    const unseen = lineKey.encode({ NO_COMMANDE: 500001, NO_LIGNE: 9 });
    expect(await keys.lastLsns([read!, unseen])).toEqual(new Map([[read, 13]]));
    const rows = await pool.query(`SELECT legacy_row FROM legacy_line_keys WHERE legacy_key = $1`, [read]);
    expect(rows.rows).toEqual([{ legacy_row: { QUANTITE: 3 } }]);

    // Erasing an aggregate marks every key that leads to it, read with the positions (ADR 0033).
    const other = lineKey.parse({ NO_LIGNE: 1, NO_COMMANDE: 500002 });
    expect((await keys.known([read!, other!])).erased).toEqual(new Set());
    await inTransaction(pool, (tx) => shredSubject(tx, ORDER));
    expect(await keys.known([read!, other!, unseen])).toEqual({
      lastLsns: new Map([
        [read, 13],
        [other, 12],
      ]),
      erased: new Set([read]),
    });
  });

  it("records within the caller's transaction: rolled back, nothing is recorded", async () => {
    const table = { table: 'legacy_rolled_back_keys', keyType: 'text' } as const;
    for (const statement of keyMapTableUp(table)) await pool.query(statement);
    const keys = new PgLegacyKeyMap(pool, table);
    await expect(
      inTransaction(pool, async () => {
        await keys.recordAll([line(1, 1, ORDER, 1), line(1, 2, ORDER, 2)]);
        expect(await keys.keysOf(ORDER)).toHaveLength(2);
        throw new Error('the aggregate could not be saved');
      }),
    ).rejects.toThrow('the aggregate could not be saved');
    expect(await keys.keysOf(ORDER)).toEqual([]);
  });

  it('takes an existing one-key-per-aggregate key map to many keys, keeping its rows, and back while each has one', async () => {
    const table = {
      table: 'legacy_old_keys',
      keyType: 'integer',
      keyColumn: 'no_old',
      aggregateColumn: 'old_id',
    } as const;
    await pool.query(`CREATE TABLE legacy_old_keys (no_old integer PRIMARY KEY, old_id uuid NOT NULL UNIQUE,
      last_lsn bigint NOT NULL, deleted boolean NOT NULL DEFAULT false, legacy_row jsonb,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    const keys = new PgLegacyKeyMap(pool, table);
    const record = (key: number, lsn: number): KeyRecord => ({ ...line(0, 0, ORDER, lsn), key });
    await keys.recordAll([record(1, 1)]);
    await expect(keys.recordAll([record(2, 2)])).rejects.toThrow(/legacy_old_keys_old_id_key/);

    for (const statement of keyMapManyKeysPerAggregateUp(table)) await pool.query(statement);
    for (const statement of keyMapManyKeysPerAggregateUp(table)) await pool.query(statement);
    await keys.recordAll([record(2, 2)]);
    expect((await keys.keysOf(ORDER)).map((held) => held.key)).toEqual(['1', '2']);
    const plan = await pool.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'legacy_old_keys_old_id'`);
    expect(plan.rows).toHaveLength(1);

    const [dropIndex, addUnique] = keyMapManyKeysPerAggregateDown(table);
    await pool.query(dropIndex);
    await expect(pool.query(addUnique)).rejects.toThrow(/could not create unique index/);
    await pool.query(`DELETE FROM legacy_old_keys WHERE no_old = 2`);
    await pool.query(addUnique);
    await expect(keys.recordAll([record(3, 3)])).rejects.toThrow(/legacy_old_keys_old_id_key/);
  });
});
