import { AsyncLocalStorage } from 'node:async_hooks';
import { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';

/** The one thing the messaging tables need from a connection: TypeORM's EntityManager fits, and so does `rowsOf`. */
export interface SqlExecutor {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** A connection whose `query` resolves to the result rows. */
export interface SqlRows extends SqlExecutor {
  query<T = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<T[]>;
}

/** The `pg` pool behind a TypeORM DataSource: one pool per service, used directly on hot paths. */
export function poolOf(dataSource: DataSource): Pool {
  return guarded((dataSource.driver as unknown as { master: Pool }).master);
}

/**
 * A query on the pool itself, made while a transaction on that pool is under way in the same call, needs a second
 * connection while holding one: with as many such calls at once as the pool has connections, each waits for one of
 * the others (issue 15's 503s). Such code means `executorOf(pool)`, which joins the transaction.
 */
export class PoolQueryInTransaction extends Error {
  readonly safeMessage = true;

  constructor() {
    super('pool.query inside a transaction on the same pool: use executorOf(pool), which joins it');
    this.name = 'PoolQueryInTransaction';
  }
}

/** Each guarded pool's own `query`, for `outsideTransaction`. */
const unguardedQueries = new WeakMap<Pool, Pool['query']>();

/** The pool, its `query` refusing to run beside a transaction on it under way in the caller's context. */
function guarded(pool: Pool): Pool {
  if (unguardedQueries.has(pool)) return pool;
  const query = pool.query.bind(pool) as Pool['query'];
  unguardedQueries.set(pool, query);
  pool.query = ((...args: Parameters<Pool['query']>) => {
    if (joinable(pool)) throw new PoolQueryInTransaction();
    return (query as (...a: unknown[]) => unknown)(...args);
  }) as Pool['query'];
  return pool;
}

/**
 * The pool's connections, deliberately beside the transaction under way: for a write that must not depend on it (a
 * dead letter's key, made while the batch's transaction may be aborted). It takes a second connection while one is
 * held, so only where a transaction cannot serve.
 */
export function outsideTransaction(pool: Pool): SqlRows {
  return rowsOf({ query: unguardedQueries.get(pool) ?? pool.query.bind(pool) });
}

export function rowsOf(client: Pick<Pool, 'query'> | PoolClient): SqlRows {
  return { query: async <T>(sql: string, parameters?: unknown[]) => (await client.query(sql, parameters)).rows as T[] };
}

const ambient = new AsyncLocalStorage<{ pool: Pool; tx: SqlRows; open: boolean }>();

/**
 * The transaction on `pool` this call runs in, if any: one on another pool (another database) is never joined, nor
 * one that has ended (work a transaction started and did not wait for keeps its context after the commit).
 */
const joinable = (pool: Pool): SqlRows | undefined => {
  const current = ambient.getStore();
  return current?.pool === pool && current.open ? current.tx : undefined;
};

/** The transaction this call runs in on `pool` (see `inTransaction`), or the pool when there is none. */
export function executorOf(pool: Pool): SqlRows {
  return joinable(pool) ?? rowsOf(pool);
}

export interface TransactionOptions {
  /** Reads only, all from one snapshot (several statements that must agree); ignored when joining a transaction. */
  readOnlySnapshot?: boolean;
}

/**
 * Runs `work` in one transaction on a pooled connection; called inside another `inTransaction` on the same
 * pool, it joins that one, so a batch can apply many changes and commit once. TypeORM's `transaction()` does the
 * same with entity-event broadcasting around each step, which costs more than the SQL on a hot path.
 */
export async function inTransaction<T>(
  pool: Pool,
  work: (tx: SqlRows) => Promise<T>,
  { readOnlySnapshot = false }: TransactionOptions = {},
): Promise<T> {
  const joined = joinable(pool);
  if (joined) return work(joined);
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(readOnlySnapshot ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
    const scope = { pool, tx: rowsOf(client), open: true };
    try {
      const result = await ambient.run(scope, () => work(scope.tx));
      await client.query('COMMIT');
      return result;
    } finally {
      scope.open = false;
    }
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}
