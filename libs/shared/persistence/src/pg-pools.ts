import { Pool, PoolClient } from 'pg';
import { persistenceMetrics } from './persistence-metrics';
import { numberSetting } from '@bascule/shared/application';

/** Timeouts every pool of a service gets (node-postgres option names); see `poolTimeoutsFromEnv`. */
export interface PoolTimeouts {
  /** Giving up on opening a connection, so a request fails fast instead of queueing behind a dead server. */
  connectionTimeoutMillis: number;
  /** Server-side limit on one statement. */
  statement_timeout: number;
  /** Server-side limit on a transaction left open and idle (a stuck client holding locks). */
  idle_in_transaction_session_timeout: number;
}

/** `DB_CONNECT_TIMEOUT_MS` (5 s), `DB_STATEMENT_TIMEOUT_MS` (30 s), `DB_IDLE_IN_TRANSACTION_TIMEOUT_MS` (60 s). */
export function poolTimeoutsFromEnv(env: NodeJS.ProcessEnv = process.env): PoolTimeouts {
  return {
    connectionTimeoutMillis: numberSetting(env, 'DB_CONNECT_TIMEOUT_MS', 5_000, { integer: true }),
    statement_timeout: numberSetting(env, 'DB_STATEMENT_TIMEOUT_MS', 30_000, { integer: true }),
    idle_in_transaction_session_timeout: numberSetting(env, 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 60_000, {
      integer: true,
    }),
  };
}

export interface PoolLogger {
  warn(payload: object, message: string): void;
}

const guarded = new WeakSet<object>();

/**
 * Makes a lost connection an event to log, never a crash. node-postgres emits `error` on the pool for an
 * idle connection, and on the client itself for a connection checked out but between queries (a relay
 * holding its leader lock, a transaction waiting on Kafka): without a listener either one is an
 * uncaught exception (57P01 "terminating connection due to administrator command" on a failover).
 * The broken connection is dropped when released (pg-pool checks it) and the next checkout opens a new one.
 */
export function guardPool(pool: Pool, name: string, logger: PoolLogger): Pool {
  if (guarded.has(pool)) return pool;
  guarded.add(pool);
  const lost = (error: Error) => {
    persistenceMetrics.dbConnectionErrors.inc({
      pool: name,
      code: String((error as { code?: string }).code ?? 'none'),
    });
    logger.warn({ pool: name, err: error }, 'database connection lost; it will be replaced');
  };
  const guard = (client: PoolClient) => {
    if (!guarded.has(client)) {
      guarded.add(client);
      client.on('error', lost);
    }
  };
  pool.on('error', lost);
  pool.on('connect', guard);
  // Connections opened before the guard (TypeORM opens one to check the server).
  for (const client of (pool as unknown as { _clients?: PoolClient[] })._clients ?? []) guard(client);
  return pool;
}
