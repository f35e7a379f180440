import { Pool, PoolClient } from 'pg';

/**
 * A pool whose transactions' statements are recorded (their first word), to count round trips in tests;
 * `afterStatement` runs after each of them returns, before the caller sees the result (to inject a concurrent
 * write between two statements of one transaction).
 */
export function countingPool(
  pool: Pool,
  afterStatement?: (statement: string, index: number) => Promise<void>,
): { pool: Pool; statements: string[] } {
  const statements: string[] = [];
  const connect = async () => {
    const client: PoolClient = await pool.connect();
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    return Object.assign(Object.create(client), {
      query: async (...args: unknown[]) => {
        const statement = String(args[0]).trim().split(/\s+/)[0].toUpperCase();
        const index = statements.push(statement) - 1;
        const result = await query(...args);
        await afterStatement?.(statement, index);
        return result;
      },
      release: (error?: Error | boolean) => client.release(error),
    });
  };
  return { pool: Object.assign(Object.create(pool), { connect, query: pool.query.bind(pool) }), statements };
}
