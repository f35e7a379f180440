import { PoolConfig } from 'pg';

/**
 * The legacy database as its own login role sees it (`PGUSER`/`PGPASSWORD`, ADR 0013). The documented
 * local account (`bascule`) is a fallback only with NODE_ENV=development or test; anywhere else a missing
 * role stops the start with this message.
 */
export function legacyDatabase(env: NodeJS.ProcessEnv = process.env, max = 20): PoolConfig {
  const local = env.NODE_ENV === 'development' || env.NODE_ENV === 'test';
  const user = env.PGUSER ?? (local ? 'bascule' : undefined);
  const password = env.PGPASSWORD ?? (local ? 'bascule' : undefined);
  if (!user || !password) throw new Error('legacy-monolith: PGUSER and PGPASSWORD must be set (its own database role); defaults exist only with NODE_ENV=development or test');
  return { host: env.PGHOST ?? '127.0.0.1', port: Number(env.PGPORT ?? 5432), user, password, database: env.LEGACY_DATABASE ?? 'legacy', max };
}
