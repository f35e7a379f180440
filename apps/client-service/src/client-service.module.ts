import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { clientApplicationProviders } from '@bascule/client/application';
import { clientEventContracts } from '@bascule/client/contracts';
import { clientDatabaseOptions, ClientInfrastructureModule, LegacyClientsSync } from '@bascule/client/infrastructure';
import { clientControllers } from '@bascule/client/interface';
import { AuthModule } from '@bascule/shared/auth';
import { idempotencySettingsFromEnv } from '@bascule/shared/http';
import { checkKafka, KAFKA, MessagingModule } from '@bascule/shared/messaging';
import { ObservabilityModule, ReadinessCheck } from '@bascule/shared/observability';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';

@Module({
  imports: [
    AuthModule.forRoot({ serviceName: 'client-service' }),
    TypeOrmModule.forRootAsync({ useFactory: () => clientDatabaseOptions() }),
    MessagingModule.forRoot({
      clientId: 'client-service',
      contracts: clientEventContracts,
      // Read when the app is built, not when this file is imported: tests set the environment before creating the app.
      relay: () => ({ enabled: process.env.OUTBOX_RELAY !== 'off' }),
      retention: () => [
        { table: 'idempotency_keys', column: 'created_at', retentionMs: idempotencySettingsFromEnv().retentionMs },
      ],
    }),
    ObservabilityModule.forRoot({
      serviceName: 'client-service',
      imports: [ClientInfrastructureModule],
      // Ready = can serve requests: the database. The broker and the legacy capture are details (ADR 0014).
      readiness: {
        inject: [DataSource],
        useFactory: (dataSource: DataSource): ReadinessCheck[] => [
          { name: 'database', check: async () => void (await dataSource.query('SELECT 1')) },
        ],
      },
      details: {
        inject: [KAFKA, LegacyClientsSync],
        useFactory: (kafka: Kafka, legacy: LegacyClientsSync): ReadinessCheck[] => [
          { name: 'kafka', check: () => checkKafka(kafka) },
          ...(legacy.enabled ? [{ name: 'legacy-cdc', check: () => legacy.details() }] : []),
        ],
      },
    }),
    CqrsModule.forRoot(),
    ClientInfrastructureModule,
  ],
  controllers: clientControllers,
  providers: clientApplicationProviders,
})
export class ClientServiceModule {}
