import { asAdmin, createTestDatabase, serviceRole, TestDatabase } from '@bascule/shared/testing';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { register } from 'prom-client';
import { watchLegacySlot } from '../src/source/legacy-slot-metrics';
import { PgLegacySource } from '../src/source/legacy-source';

/**
 * The capture's slot on /metrics, read on the real PostgreSQL by a service role with no grant and no pg_monitor
 * (ADR 0035): a slot nobody streams from keeps the WAL written after it, and that is what the gauges show.
 */
describe('legacy replication slot metrics', () => {
  const slot = `test_slot_${randomBytes(4).toString('hex')}`;
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('legacy_slot', serviceRole('CLIENT'));
    await asAdmin((admin) => admin.query(`SELECT pg_create_logical_replication_slot($1, 'pgoutput')`, [slot]));
    pool = new Pool({ ...db.settings, max: 2 });
  });
  afterAll(async () => {
    await asAdmin((admin) => admin.query('SELECT pg_drop_replication_slot($1)', [slot])).catch(() => undefined);
    await pool?.end();
    await db?.drop();
  });

  const metric = async (name: string, labels: Record<string, string> = { slot }) =>
    (await register.getSingleMetric(name)!.get()).values.find((v) =>
      Object.entries(labels).every(([k, value]) => v.labels[k] === value),
    )?.value;

  it('shows the WAL a slot nobody reads retains, its lag, that it is inactive and its wal_status', async () => {
    const role = (
      await pool.query<{ member_of_monitor: boolean; rolsuper: boolean }>(
        `SELECT pg_has_role(current_user, 'pg_monitor', 'MEMBER') AS member_of_monitor, rolsuper FROM pg_roles WHERE rolname = current_user`,
      )
    ).rows[0];
    expect(role).toEqual({ member_of_monitor: false, rolsuper: false });
    watchLegacySlot(slot, new PgLegacySource(pool));
    await pool.query('CREATE TABLE wal_filler (payload text)');
    await pool.query(`INSERT INTO wal_filler SELECT repeat('x', 1000) FROM generate_series(1, 2000)`);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // past the one-second memo of the last read

    expect(await metric('bascule_legacy_slot_exists')).toBe(1);
    expect(await metric('bascule_legacy_slot_active')).toBe(0);
    expect(await metric('bascule_legacy_slot_retained_wal_bytes')).toBeGreaterThan(2_000_000);
    expect(await metric('bascule_legacy_slot_lag_bytes')).toBeGreaterThan(2_000_000);
    expect(await metric('bascule_legacy_slot_wal_status', { slot, status: 'reserved' })).toBe(1);
    expect(await metric('bascule_legacy_slot_wal_status', { slot, status: 'lost' })).toBe(0);
  });

  it('says when the slot is gone', async () => {
    await asAdmin((admin) => admin.query('SELECT pg_drop_replication_slot($1)', [slot]));
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await metric('bascule_legacy_slot_exists')).toBe(0);
    expect(await metric('bascule_legacy_slot_retained_wal_bytes')).toBeUndefined();
  });
});
