import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { clientApplicationProviders } from '@bascule/client/application';
import { clientEventContracts } from '@bascule/client/contracts';
import { clientDatabaseOptions, ClientInfrastructureModule } from '@bascule/client/infrastructure';
import { clientControllers } from '@bascule/client/interface';
import { checkKafka, KAFKA, MessagingModule } from '@bascule/shared/messaging';
import { ObservabilityModule, ReadinessCheck } from '@bascule/shared/observability';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({ useFactory: () => clientDatabaseOptions() }),
    MessagingModule.forRoot({ clientId: 'client-service', contracts: clientEventContracts, relay: { enabled: process.env.OUTBOX_RELAY !== 'off' } }),
    ObservabilityModule.forRoot({
      serviceName: 'client-service',
      readiness: {
        inject: [DataSource, KAFKA],
        useFactory: (dataSource: DataSource, kafka: Kafka): ReadinessCheck[] => [
          { name: 'database', check: async () => void (await dataSource.query('SELECT 1')) },
          { name: 'kafka', check: () => checkKafka(kafka) },
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
