import { DynamicModule, FactoryProvider, Module, ModuleMetadata } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule, TokenVerifier } from '@bascule/shared/auth';
import { EventContract } from '@bascule/shared/contracts';
import { idempotencySettingsFromEnv } from '@bascule/shared/http';
import { LegacySync } from '@bascule/shared/legacy-sync';
import { KafkaBrokerCheck, MessagingModule, RetentionRule } from '@bascule/shared/messaging';
import { ObservabilityModule, ReadinessCheck } from '@bascule/shared/observability';
import { IdempotencyModule, openMigratedDataSource } from '@bascule/shared/persistence';
import { DataSource } from 'typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { RateLimitModule } from './rate-limit';

export interface ServicePlatformOptions {
  service: string;
  /** The context's own database; read when the app is built (tests set the environment first). */
  database: () => PostgresConnectionOptions;
  /** The integration events it publishes (validated on write to the outbox). */
  contracts: readonly EventContract[];
  /** The context's modules whose providers `details` injects. */
  imports?: ModuleMetadata['imports'];
  /** What `/health/details` reports besides the broker and, when the context syncs legacy tables, their capture. */
  details?: Omit<FactoryProvider<ReadinessCheck[]>, 'provide'>;
  /**
   * Tables of its own purged after a retention, besides the inbox and the idempotency keys (a saga participant's
   * `saga_replies`); called when the app is built.
   */
  retention?: () => RetentionRule[];
}

/**
 * Everything a context's service runs on: bearer tokens and roles, per-caller rate limits, its database (migrations at start),
 * the outbox and its relay, retention, logs, metrics and health, the CQRS buses.
 */
@Module({})
export class ServicePlatformModule {
  static forService({
    service,
    database,
    contracts,
    imports,
    details,
    retention,
  }: ServicePlatformOptions): DynamicModule {
    return {
      module: ServicePlatformModule,
      imports: [
        AuthModule.forRoot({ serviceName: service }),
        // After AuthModule: its guard runs first, so the limit counts the verified caller.
        RateLimitModule.forRoot(),
        // Migrations at start under an advisory lock: replicas starting together run each one once (ADR 0008, 0035).
        TypeOrmModule.forRootAsync({
          useFactory: database,
          dataSourceFactory: (options) => openMigratedDataSource(options as PostgresConnectionOptions),
        }),
        IdempotencyModule,
        MessagingModule.forRoot({
          clientId: service,
          contracts,
          // Read when the app is built, not at import: tests set the environment before creating the app.
          relay: () => ({ enabled: process.env.OUTBOX_RELAY !== 'off' }),
          retention: () => [
            { table: 'idempotency_keys', column: 'created_at', retentionMs: idempotencySettingsFromEnv().retentionMs },
            ...(retention?.() ?? []),
          ],
        }),
        ObservabilityModule.forRoot({
          serviceName: service,
          imports,
          // Ready = can serve requests: the database. The broker, the identity provider and the legacy capture are
          // details (ADR 0014, 0029).
          readiness: {
            inject: [DataSource],
            useFactory: (dataSource: DataSource): ReadinessCheck[] => [
              { name: 'database', check: async () => void (await dataSource.query('SELECT 1')) },
            ],
          },
          details: {
            inject: [
              KafkaBrokerCheck,
              TokenVerifier,
              { token: LegacySync, optional: true },
              ...(details?.inject ?? []),
            ],
            useFactory: (
              kafka: KafkaBrokerCheck,
              tokens: TokenVerifier,
              legacy: LegacySync | undefined,
              ...others: unknown[]
            ) => [
              { name: 'kafka', check: () => kafka.check() },
              // Not readiness: tokens still verify with the last keys fetched, and every pod out would be a full outage.
              { name: 'identity-provider', check: () => tokens.providerHealth() },
              ...(legacy?.enabled ? [{ name: 'legacy-cdc', check: () => legacy.details() }] : []),
              ...((details?.useFactory(...others) as ReadinessCheck[] | undefined) ?? []),
            ],
          },
        }),
        CqrsModule.forRoot(),
      ],
    };
  }
}
