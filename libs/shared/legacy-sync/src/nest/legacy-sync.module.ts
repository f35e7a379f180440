import { DynamicModule, Global, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DeadLetterPublisher, KAFKA } from '@bascule/shared/messaging';
import { poolOf } from '@bascule/shared/persistence';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { LegacySource, legacySourceSettingsFromEnv, PgLegacySource } from '../source/legacy-source';
import { watchLegacySlot } from '../source/legacy-slot-metrics';
import { LegacyTableDefinition } from '../legacy-table';
import { LegacyKey } from '@bascule/shared/contracts';
import { LegacyTableSync } from '../legacy-table-sync';
import { legacySyncSettingsFromEnv } from '../legacy-sync.settings';
import { LegacySync } from './legacy-sync';

/** The legacy server, read by every table's sync and the slot metrics; its own pool when it is another server. */
class LegacySourceConnection implements OnApplicationShutdown {
  readonly settings = legacySourceSettingsFromEnv();
  private readonly own?: Pool;
  readonly server: LegacySource;

  constructor(dataSource: DataSource) {
    const { connection, slot } = this.settings;
    if (connection) {
      this.own = new Pool(connection);
      this.own.on('error', () => undefined); // an idle connection lost: the next read opens another
    }
    this.server = new PgLegacySource(this.own ?? poolOf(dataSource));
    watchLegacySlot(slot, this.server);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.own?.end();
  }
}

@Global()
@Module({
  providers: [
    LegacySync,
    {
      provide: LegacySourceConnection,
      inject: [DataSource],
      useFactory: (d: DataSource) => new LegacySourceConnection(d),
    },
  ],
  exports: [LegacySync, LegacySourceConnection],
})
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
          inject: [KAFKA, CommandBus, DataSource, DeadLetterPublisher, LegacySourceConnection],
          useFactory: (
            kafka: Kafka,
            commands: CommandBus,
            dataSource: DataSource,
            deadLetters: DeadLetterPublisher,
            source: LegacySourceConnection,
          ) =>
            new LegacyTableSync(definition, legacySyncSettingsFromEnv(definition.service, table), {
              kafka,
              commands,
              pool: poolOf(dataSource),
              deadLetters,
              logger: {
                warn: (payload, message) => logger.warn({ ...payload, msg: message }),
                error: (payload, message) => logger.error({ ...payload, msg: message }),
              },
              source: { server: source.server, checkIntervalMs: source.settings.checkIntervalMs },
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
