import { PoolConfig } from 'pg';
import { databaseCredentials } from '@bascule/shared/messaging';

/** The legacy database as its own login role sees it (`PGUSER`/`PGPASSWORD`, ADR 0013). */
export function legacyDatabase(env: NodeJS.ProcessEnv = process.env, max = 20): PoolConfig {
  return { host: env.PGHOST ?? '127.0.0.1', port: Number(env.PGPORT ?? 5432), ...databaseCredentials('legacy-monolith', 'LEGACY', env), database: env.LEGACY_DATABASE ?? 'legacy', max };
}
