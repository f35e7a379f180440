import { ContextDatabase, databaseOptions, platformMigrations } from '@bascule/shared/persistence';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { CreateClients1764028800000 } from './migrations/1764028800000-create-clients';
import { CreateLegacyClientKeys1764115200000 } from './migrations/1764115200000-create-legacy-client-keys';
import { ErasureLeavesNothing1764288000000 } from './migrations/1764288000000-erasure-leaves-nothing';
import { IdempotencyLeaseOwner1764374400000 } from './migrations/1764374400000-idempotency-lease-owner';
import { ClientEmailOptional1764547200000 } from './migrations/1764547200000-client-email-optional';
import { LegacyClientKeysManyPerClient1764633600000 } from './migrations/1764633600000-legacy-client-keys-many-per-client';
import { LegacySourcePositions1765152000000 } from './migrations/1765152000000-legacy-source-positions';

/** The client context's own database (`CLIENT_DATABASE`, default `bascule_client`). */
export const clientDatabase: ContextDatabase = {
  service: 'client-service',
  prefix: 'CLIENT',
  // Its first migrations made the platform tables before they were the platform's; `platformMigrations` is then a no-op.
  migrations: [
    CreateClients1764028800000,
    CreateLegacyClientKeys1764115200000,
    ErasureLeavesNothing1764288000000,
    IdempotencyLeaseOwner1764374400000,
    ...platformMigrations,
    ClientEmailOptional1764547200000,
    LegacyClientKeysManyPerClient1764633600000,
    LegacySourcePositions1765152000000,
  ],
};

export const clientDatabaseOptions = (env: NodeJS.ProcessEnv = process.env): PostgresConnectionOptions =>
  databaseOptions(clientDatabase, env);
