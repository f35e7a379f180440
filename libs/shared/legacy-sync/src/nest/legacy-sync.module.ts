import { DynamicModule, Global, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DeadLetterPublisher, KAFKA, PERSONAL_FIELDS } from '@bascule/shared/messaging';
import { PersonalFields, poolOf } from '@bascule/shared/persistence';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { LegacyTableDefinition } from '../legacy-table';
import { LegacyKey } from '@bascule/shared/contracts';
import { LegacyTableSync } from '../legacy-table-sync';
import { legacySyncSettingsFromEnv } from '../legacy-sync.settings';
import { LegacySync } from './legacy-sync';

@Global()
@Module({ providers: [LegacySync], exports: [LegacySync] })
class LegacySyncRegistryModule {}

/** Runs a table's sync with the service. A start that fails (the broker away, the topic not there yet) is retried in the background. */
class TableSyncLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly sync: LegacyTableSync,
    private readonly registry: LegacySync,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.sync.settings.enabled) return;
    this.registry.register(this.sync);
    this.sync.launch();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sync.stop();
  }
}

/** Legacy tables synced into a context. Needs TypeORM's DataSource, MessagingModule and CQRS. */
@Module({})
export class LegacySyncModule {
  /** One captured table: what the context gives (capture, key map, translator, command); the engine does the rest. */
  static forTable<Row, V, K extends LegacyKey>(definition: LegacyTableDefinition<Row, V, K>): DynamicModule {
    const { table } = definition.capture;
    const sync = Symbol(`LegacyTableSync ${table}`);
    const logger = new Logger(`LegacySync ${table}`);
    return {
      module: LegacySyncModule,
      imports: [LegacySyncRegistryModule],
      providers: [
        {
          provide: sync,
          inject: [KAFKA, CommandBus, DataSource, DeadLetterPublisher, { token: PERSONAL_FIELDS, optional: true }],
          useFactory: (
            kafka: Kafka,
            commands: CommandBus,
            dataSource: DataSource,
            deadLetters: DeadLetterPublisher,
            personal: PersonalFields | null,
          ) =>
            new LegacyTableSync(definition, legacySyncSettingsFromEnv(definition.service, table), {
              kafka,
              commands,
              pool: poolOf(dataSource),
              deadLetters,
              logger: { warn: (payload, message) => logger.warn({ ...payload, msg: message }) },
              personal: personal ?? undefined,
            }),
        },
        {
          provide: Symbol(`LegacyTableSync lifecycle ${table}`),
          inject: [sync, LegacySync],
          useFactory: (tableSync: LegacyTableSync, registry: LegacySync) => new TableSyncLifecycle(tableSync, registry),
        },
      ],
      exports: [LegacySyncRegistryModule],
    };
  }
}
