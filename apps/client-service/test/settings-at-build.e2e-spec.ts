import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { eventually } from '@bascule/shared/testing';
import { RunningClientService, startClientService } from './client-service.harness';

/** The module is imported before a test sets the environment: its settings must be read when the app is built. */
describe('client-service reads its settings when the app is built', () => {
  let service: RunningClientService;
  let sql: Pool;

  beforeAll(async () => {
    service = await startClientService({ IDEMPOTENCY_RETENTION_MS: '60000', RETENTION_PURGE_INTERVAL_MS: '200' });
    sql = new Pool({ ...service.db.settings, max: 1 });
  });
  afterAll(async () => {
    await sql?.end();
    await service?.close();
  });

  it('purges idempotency keys after IDEMPOTENCY_RETENTION_MS set before the app was created', async () => {
    const [old, fresh] = [randomUUID(), randomUUID()];
    await sql.query(
      `INSERT INTO idempotency_keys (caller, scope, key, request_hash, status, created_at) VALUES ('c', 'POST /clients', $1, 'h', 201, now() - interval '1 hour'), ('c', 'POST /clients', $2, 'h', 201, now())`,
      [old, fresh],
    );
    await eventually(
      async () => (await sql.query(`SELECT 1 FROM idempotency_keys WHERE key = $1`, [old])).rowCount === 0,
      10_000,
      100,
    );
    expect((await sql.query(`SELECT key FROM idempotency_keys WHERE key = ANY($1)`, [[old, fresh]])).rows).toEqual([
      { key: fresh },
    ]);
  });
});
