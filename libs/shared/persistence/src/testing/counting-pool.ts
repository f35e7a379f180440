import { Pool, PoolClient } from 'pg';

/** A pool whose transactions' statements are recorded (their first word), to count round trips in tests. */
export function countingPool(pool: Pool): { pool: Pool; statements: string[] } {
  const statements: string[] = [];
  const connect = async () => {
    const client: PoolClient = await pool.connect();
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    return Object.assign(Object.create(client), {
      query: (...args: unknown[]) => {
        statements.push(String(args[0]).trim().split(/\s+/)[0].toUpperCase());
        return query(...args);
      },
      release: (error?: Error | boolean) => client.release(error),
    });
  };
  return { pool: Object.assign(Object.create(pool), { connect, query: pool.query.bind(pool) }), statements };
}
