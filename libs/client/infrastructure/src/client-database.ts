import { databaseCredentials, poolTimeoutsFromEnv } from '@bascule/shared/persistence';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { CreateClients1764028800000 } from './migrations/1764028800000-create-clients';
import { CreateLegacyClientKeys1764115200000 } from './migrations/1764115200000-create-legacy-client-keys';
import { ErasureLeavesNothing1764288000000 } from './migrations/1764288000000-erasure-leaves-nothing';
import { IdempotencyLeaseOwner1764374400000 } from './migrations/1764374400000-idempotency-lease-owner';

/** The client context's own database (`bascule_client`); schema changes only through migrations. */
export function clientDatabaseOptions(env: NodeJS.ProcessEnv = process.env): PostgresConnectionOptions {
  const { user: username, password } = databaseCredentials('client-service', 'CLIENT', env);
  return {
    type: 'postgres',
    host: env.PGHOST ?? '127.0.0.1',
    port: Number(env.PGPORT ?? 5432),
    username,
    password,
    database: env.CLIENT_DATABASE ?? 'bascule_client',
    entities: [],
    migrations: [
      CreateClients1764028800000,
      CreateLegacyClientKeys1764115200000,
      ErasureLeavesNothing1764288000000,
      IdempotencyLeaseOwner1764374400000,
    ],
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    poolSize: Number(env.DB_POOL_SIZE ?? 20),
    // Connection, statement and idle-in-transaction timeouts (DB_*_TIMEOUT_MS), shared by the relay's pool.
    extra: poolTimeoutsFromEnv(env),
  };
}
