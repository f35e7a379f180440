import { MigrationInterface } from 'typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { databaseCredentials } from './database-credentials';
import { poolTimeoutsFromEnv } from './pg-pools';
import { numberSetting, portSetting } from '@bascule/shared/application';

export interface ContextDatabase {
  /** The process, named when its credentials are missing (`client-service`). */
  service: string;
  /** The settings' prefix: `<PREFIX>_DATABASE`, `<PREFIX>_DB_USER`, `<PREFIX>_DB_PASSWORD` (`CLIENT`). */
  prefix: string;
  /** The database when `<PREFIX>_DATABASE` is unset (default `bascule_<prefix>`). */
  database?: string;
  /** The context's migrations, `platformMigrations` among them. */
  migrations: (new () => MigrationInterface)[];
}

/** A context's own database; schema changes only through its migrations, run at start-up (ADR 0008). */
export function databaseOptions(
  context: ContextDatabase,
  env: NodeJS.ProcessEnv = process.env,
): PostgresConnectionOptions {
  const { user: username, password } = databaseCredentials(context.service, context.prefix, env);
  return {
    type: 'postgres',
    host: env.PGHOST ?? '127.0.0.1',
    port: portSetting(env, 'PGPORT', 5432),
    username,
    password,
    database: env[`${context.prefix}_DATABASE`] ?? context.database ?? `bascule_${context.prefix.toLowerCase()}`,
    entities: [],
    migrations: context.migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    poolSize: numberSetting(env, 'DB_POOL_SIZE', 20, { integer: true, min: 1 }),
    // Connection, statement and idle-in-transaction timeouts (DB_*_TIMEOUT_MS), shared by the relay's pool.
    extra: poolTimeoutsFromEnv(env),
  };
}
