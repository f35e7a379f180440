import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { eventually } from '@bascule/shared/testing';
import { RunningInventory, startInventoryService } from './inventory-fixtures';

const HOUR = 3_600_000;

/**
 * A saga participant keeps the reply to each command it handled, to answer a repeat with it; the running service
 * purges those replies with the inbox rows of the commands they answer (`INBOX_RETENTION_MS`), not later, not sooner.
 */
describe('inventory-service purges its stored saga replies with its inbox', () => {
  let service: RunningInventory;
  let pool: Pool;

  beforeAll(async () => {
    service = await startInventoryService({ INBOX_RETENTION_MS: String(HOUR), RETENTION_PURGE_INTERVAL_MS: '200' });
    pool = new Pool({ ...service.db.settings, max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    await service?.close();
    await service?.revoke();
  });

  it('deletes the replies answered before the retention, keeps the others', async () => {
    const ages = [0, 0.5, 0.9, 1.1, 2, 24 * 30]; // hours
    const ids = ages.map(() => randomUUID());
    await pool.query(
      `INSERT INTO saga_replies (command_id, saga_id, reply, answered_at)
         SELECT id, 'saga-' || id, '{}'::json, now() - make_interval(secs => age * 3600)
         FROM unnest($1::uuid[], $2::float8[]) AS s(id, age)`,
      [ids, ages],
    );
    const kept = ids.filter((_, i) => ages[i] < 1).sort();
    await eventually(async () => {
      const { rows } = await pool.query<{ id: string }>(
        'SELECT command_id AS id FROM saga_replies WHERE command_id = ANY($1::uuid[]) ORDER BY 1',
        [ids],
      );
      return rows.length === kept.length;
    }, 30_000);
    const { rows } = await pool.query<{ id: string }>('SELECT command_id AS id FROM saga_replies ORDER BY 1');
    expect(rows.map((r) => r.id).sort()).toEqual(kept);
  }, 60_000);
});
