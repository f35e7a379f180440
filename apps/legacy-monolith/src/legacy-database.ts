import { PoolConfig } from 'pg';
import { databaseCredentials, poolTimeoutsFromEnv } from '@bascule/shared/persistence';
import { portSetting } from '@bascule/shared/application';

/**
 * The legacy database as its own login role sees it (`PGUSER`/`PGPASSWORD`, ADR 0013), with the same
 * connection, statement and idle-in-transaction timeouts as client-service (`DB_*_TIMEOUT_MS`).
 */
export function legacyDatabase(env: NodeJS.ProcessEnv = process.env, max = 20): PoolConfig {
  return {
    host: env.PGHOST ?? '127.0.0.1',
    port: portSetting(env, 'PGPORT', 5432),
    ...databaseCredentials('legacy-monolith', 'LEGACY', env),
    database: env.LEGACY_DATABASE ?? 'legacy',
    max,
    ...poolTimeoutsFromEnv(env),
  };
}
