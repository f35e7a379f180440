import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { register } from 'prom-client';
import { RetentionPurger } from '@bascule/shared/messaging';
import { messagingTablesUp } from '@bascule/shared/persistence';
import { createTestDatabase, TestDatabase } from '@bascule/shared/testing';
import { idempotencyTableUp } from '@bascule/shared/persistence';

const DAY = 24 * 3600_000;
const purgedSoFar = async (table: string) =>
  (await register.getSingleMetric('bascule_retention_purged_total')!.get()).values.find((v) => v.labels.table === table)
    ?.value ?? 0;

describe('the inbox and idempotency keys are purged after their retention', () => {
  let db: TestDatabase;
  let pool: Pool;
  const quiet = { warn: () => undefined };
  const rules = [
    { table: 'inbox', column: 'processed_at', retentionMs: 14 * DAY },
    { table: 'idempotency_keys', column: 'created_at', retentionMs: DAY },
  ];

  /** Inbox rows and keys aged by SQL: `ages` in hours before now. */
  const seed = async (ages: number[]) => {
    const ids = ages.map(() => randomUUID());
    await pool.query(
      `INSERT INTO inbox (consumer, event_id, event_type, processed_at) SELECT 'c', id, 't', now() - make_interval(hours => age) FROM unnest($1::uuid[], $2::int[]) AS s(id, age)`,
      [ids, ages],
    );
    await pool.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, status, created_at) SELECT 'POST /x', id::text, 'h', 201, now() - make_interval(hours => age) FROM unnest($1::uuid[], $2::int[]) AS s(id, age)`,
      [ids, ages],
    );
    return ids;
  };
  const remaining = async (table: string, column: string) =>
    (await pool.query(`SELECT ${column} AS id FROM ${table} ORDER BY 1`)).rows.map((r) => String(r.id)).sort();

  beforeAll(async () => {
    db = await createTestDatabase('retention');
    pool = new Pool({ ...db.settings, max: 4 });
    for (const statement of [...messagingTablesUp, ...idempotencyTableUp]) await pool.query(statement);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });
  beforeEach(async () => pool.query('TRUNCATE inbox, idempotency_keys'));

  it('deletes exactly the rows older than each table’s retention, in slices, and counts them', async () => {
    // hours: 1 h, 23 h, 25 h, 13 days, 15 days, 30 days (x3 so slices of 2 need several rounds)
    const ages = [1, 23, 25, 13 * 24, 15 * 24, 30 * 24, 31 * 24, 32 * 24];
    const ids = await seed(ages);
    const before = { inbox: await purgedSoFar('inbox'), keys: await purgedSoFar('idempotency_keys') };

    const deleted = await new RetentionPurger(pool, rules, quiet, 2).purgeOnce();

    expect(deleted).toEqual({ inbox: 4, idempotency_keys: 6 });
    expect(await remaining('inbox', 'event_id')).toEqual(ids.filter((_, i) => ages[i] < 14 * 24).sort());
    expect(await remaining('idempotency_keys', 'key')).toEqual(ids.filter((_, i) => ages[i] < 24).sort());
    expect(await purgedSoFar('inbox')).toBe(before.inbox + 4);
    expect(await purgedSoFar('idempotency_keys')).toBe(before.keys + 6);
  });

  it('skips the round while another replica holds the purge lock, and purges once it is free', async () => {
    await seed([1, 48, 30 * 24]);
    const other = await pool.connect();
    try {
      await other.query('BEGIN');
      await other.query(`SELECT pg_advisory_xact_lock(hashtext('bascule.retention-purge'))`);
      expect(await new RetentionPurger(pool, rules, quiet).purgeOnce()).toBeUndefined();
      expect((await pool.query('SELECT count(*)::int AS n FROM idempotency_keys')).rows[0].n).toBe(3);
    } finally {
      await other.query('COMMIT');
      other.release();
    }
    expect(await new RetentionPurger(pool, rules, quiet).purgeOnce()).toEqual({ inbox: 1, idempotency_keys: 2 });
  });

  it('runs on a schedule', async () => {
    await seed([48]);
    const purger = new RetentionPurger(pool, rules, quiet);
    purger.start(200);
    try {
      const deadline = Date.now() + 10_000;
      while (
        (await pool.query('SELECT count(*)::int AS n FROM idempotency_keys')).rows[0].n > 0 &&
        Date.now() < deadline
      )
        await new Promise((r) => setTimeout(r, 100));
      expect((await pool.query('SELECT count(*)::int AS n FROM idempotency_keys')).rows[0].n).toBe(0);
    } finally {
      await purger.stop();
    }
  });
});
