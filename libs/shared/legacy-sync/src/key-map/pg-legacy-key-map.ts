import { executorOf } from '@bascule/shared/persistence';
import { Pool } from 'pg';
import { LegacyKey } from '@bascule/shared/contracts';
import { KeyMapTable } from './key-map-table';
import { KeyRecord, latestPerKey } from './key-record';
import { HeldKey, KnownKeys, LegacyKeyMap } from './legacy-key-map.port';

/** Whether the subject (an aggregate id as text) carries its erasure mark in `subject_keys` (ADR 0033). */
const isErasedSubject = (subject: string) =>
  `EXISTS (SELECT 1 FROM subject_keys WHERE subject_id = ${subject} AND erased_at IS NOT NULL)`;

/** The key map in SQL, one statement to read a batch's keys and one to record them; joins the caller's transaction. */
export class PgLegacyKeyMap implements LegacyKeyMap {
  private readonly select: string;
  private readonly upsert: string;
  private readonly selectHeld: string;

  constructor(
    readonly pool: Pool,
    { table, keyType, keyColumn = 'legacy_key', aggregateColumn = 'aggregate_id' }: KeyMapTable,
  ) {
    // The erasure mark read with the positions: the batch still reads its keys in one statement.
    this.select = `SELECT ${keyColumn}::text AS key, last_lsn,
        ${isErasedSubject(`${table}.${aggregateColumn}::text`)} AS erased
      FROM ${table} WHERE ${keyColumn} = ANY($1::${keyType}[])`;
    // A change older than the one recorded never overwrites it; a delete keeps the row last seen.
    this.upsert = `INSERT INTO ${table} (${keyColumn}, ${aggregateColumn}, last_lsn, deleted, legacy_row)
      SELECT * FROM unnest($1::${keyType}[], $2::uuid[], $3::bigint[], $4::bool[], $5::jsonb[])
      ON CONFLICT (${keyColumn}) DO UPDATE SET last_lsn = EXCLUDED.last_lsn, deleted = EXCLUDED.deleted,
        legacy_row = COALESCE(EXCLUDED.legacy_row, ${table}.legacy_row), updated_at = now()
      WHERE ${table}.last_lsn < EXCLUDED.last_lsn`;
    this.selectHeld = `SELECT ${keyColumn}::text AS key, last_lsn, deleted FROM ${table}
      WHERE ${aggregateColumn} = $1 ORDER BY ${keyColumn}`;
  }

  async lastLsns(keys: LegacyKey[]): Promise<Map<string, number>> {
    return (await this.known(keys)).lastLsns;
  }

  async known(keys: LegacyKey[]): Promise<KnownKeys> {
    if (keys.length === 0) return { lastLsns: new Map(), erased: new Set() };
    const rows = await executorOf(this.pool).query<{ key: string; last_lsn: string; erased: boolean }>(this.select, [
      keys,
    ]);
    return {
      lastLsns: new Map(rows.map((row) => [row.key, Number(row.last_lsn)])),
      erased: new Set(rows.filter((row) => row.erased).map((row) => row.key)),
    };
  }

  async erasedAggregates(aggregateIds: string[]): Promise<Set<string>> {
    if (aggregateIds.length === 0) return new Set();
    const rows = await executorOf(this.pool).query<{ id: string }>(
      `SELECT id FROM unnest($1::text[]) AS subject(id) WHERE ${isErasedSubject('subject.id')}`,
      [aggregateIds],
    );
    return new Set(rows.map((row) => row.id));
  }

  async recordAll(records: KeyRecord[]): Promise<void> {
    const rows = latestPerKey(records);
    if (rows.length === 0) return;
    await executorOf(this.pool).query(this.upsert, [
      rows.map((r) => r.key),
      rows.map((r) => r.aggregateId),
      rows.map((r) => r.lsn),
      rows.map((r) => r.deleted),
      rows.map((r) => (r.kept === null || r.kept === undefined ? null : JSON.stringify(r.kept))),
    ]);
  }

  async keysOf(aggregateId: string): Promise<HeldKey[]> {
    const rows = await executorOf(this.pool).query<{ key: string; last_lsn: string; deleted: boolean }>(
      this.selectHeld,
      [aggregateId],
    );
    return rows.map((row) => ({ key: row.key, lastLsn: Number(row.last_lsn), deleted: row.deleted }));
  }
}
