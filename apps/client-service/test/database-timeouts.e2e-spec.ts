import { poolOf } from '@bascule/shared/persistence';
import { DataSource } from 'typeorm';
import { RunningClientService, startClientService } from './client-service.harness';

/** The service's pool has connect, statement and idle-in-transaction timeouts, set from the environment. */
describe('database timeouts', () => {
  let service: RunningClientService;
  beforeAll(async () => {
    service = await startClientService({
      DB_STATEMENT_TIMEOUT_MS: '1500',
      DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '2500',
      DB_CONNECT_TIMEOUT_MS: '3000',
    });
  });
  afterAll(async () => {
    for (const name of ['DB_STATEMENT_TIMEOUT_MS', 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 'DB_CONNECT_TIMEOUT_MS'])
      delete process.env[name];
    await service?.close();
  });

  it('applies them to every connection of the pool', async () => {
    const pool = poolOf(service.app.get(DataSource));
    const { rows } = await pool.query(
      `SELECT current_setting('statement_timeout') AS statement, current_setting('idle_in_transaction_session_timeout') AS idle`,
    );
    expect(rows[0]).toEqual({ statement: '1500ms', idle: '2500ms' });
    expect((pool as unknown as { options: { connectionTimeoutMillis: number } }).options.connectionTimeoutMillis).toBe(
      3000,
    );
  });

  it('cancels a statement that runs too long (57014, a transient failure)', async () => {
    await expect(poolOf(service.app.get(DataSource)).query('SELECT pg_sleep(3)')).rejects.toMatchObject({
      code: '57014',
    });
  });

  it('ends a transaction left open and idle', async () => {
    const client = await poolOf(service.app.get(DataSource)).connect();
    try {
      await client.query('BEGIN');
      await new Promise((r) => setTimeout(r, 3_500));
      await expect(client.query('SELECT 1')).rejects.toThrow();
    } finally {
      client.release(true);
    }
  });
});
