import { poolTimeoutsFromEnv } from '@bascule/shared/messaging';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { CreateClients1764028800000 } from './migrations/1764028800000-create-clients';
import { CreateLegacyClientKeys1764115200000 } from './migrations/1764115200000-create-legacy-client-keys';
import { ErasureLeavesNothing1764288000000 } from './migrations/1764288000000-erasure-leaves-nothing';

/** Only a developer's machine may fall back to the documented local account (ADR 0013). */
const LOCAL_ENVIRONMENTS = new Set(['development', 'test']);

/** Its own login role (`PGUSER`/`PGPASSWORD`); outside local development a missing one stops the start. */
export function databaseCredentials(env: NodeJS.ProcessEnv = process.env): { username: string; password: string } {
  const local = LOCAL_ENVIRONMENTS.has(env.NODE_ENV ?? '');
  const username = env.PGUSER ?? (local ? 'bascule' : undefined);
  const password = env.PGPASSWORD ?? (local ? 'bascule' : undefined);
  if (!username || !password) {
    throw new Error('client-service: PGUSER and PGPASSWORD must be set (its own database role); defaults exist only with NODE_ENV=development or test');
  }
  return { username, password };
}

/** The client context's own database (`bascule_client`); schema changes only through migrations. */
export function clientDatabaseOptions(env: NodeJS.ProcessEnv = process.env): PostgresConnectionOptions {
  return {
    type: 'postgres',
    host: env.PGHOST ?? '127.0.0.1',
    port: Number(env.PGPORT ?? 5432),
    ...databaseCredentials(env),
    database: env.CLIENT_DATABASE ?? 'bascule_client',
    entities: [],
    migrations: [CreateClients1764028800000, CreateLegacyClientKeys1764115200000, ErasureLeavesNothing1764288000000],
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    poolSize: Number(env.DB_POOL_SIZE ?? 20),
    // Connection, statement and idle-in-transaction timeouts (DB_*_TIMEOUT_MS), shared by the relay's pool.
    extra: poolTimeoutsFromEnv(env),
  };
}
