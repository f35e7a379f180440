import { Pool, PoolClient } from 'pg';

/** A pool whose next COMMIT fails as a dropped connection would (transient), once `failNextCommit` is set. */
export function poolFailingACommit(pool: Pool): {
  pool: Pool;
  failNextCommit: () => void;
  failedCommits: () => number;
} {
  let armed = false;
  let failed = 0;
  const connect = async () => {
    const client: PoolClient = await pool.connect();
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    return Object.assign(Object.create(client), {
      query: (...args: unknown[]) => {
        if (args[0] === 'COMMIT' && armed) {
          armed = false;
          failed++;
          return Promise.reject(
            Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
          );
        }
        return query(...args);
      },
      release: (error?: Error | boolean) => client.release(error),
    });
  };
  return {
    pool: Object.assign(Object.create(pool), { connect, query: pool.query.bind(pool) }),
    failNextCommit: () => (armed = true),
    failedCommits: () => failed,
  };
}
