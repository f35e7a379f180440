import { DynamicModule, Global, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DeadLetterPublisher, KAFKA, PERSONAL_FIELDS } from '@bascule/shared/messaging';
import { PersonalFields, poolOf } from '@bascule/shared/persistence';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { LegacySource, legacySourceSettingsFromEnv, PgLegacySource } from '../source/legacy-source';
import { watchLegacySlot } from '../source/legacy-slot-metrics';
import { LegacyTableDefinition } from '../legacy-table';
import { LegacyKey } from '@bascule/shared/contracts';
import { LegacyTableSync } from '../legacy-table-sync';
import { legacySyncSettingsFromEnv } from '../legacy-sync.settings';
import { LegacySync, SyncedLegacy } from './legacy-sync';
import { PgLegacyKeyMap } from '../key-map/pg-legacy-key-map';
import { GroupedSource } from '../transactions/buffering-applier';
import { GroupedLegacySync } from '../transactions/grouped-legacy-sync';
import { groupedSyncSettingsFromEnv } from '../transactions/grouped-sync.settings';
import {
  groupLetterSealer,
  groupReleaser,
  groupTables,
  isChild,
  LegacyGroupDefinition,
} from '../transactions/legacy-group';
import { PgTransactionBuffer } from '../transactions/pg-transaction-buffer';
import { transactionBufferSettingsFromEnv } from '../transactions/transaction-buffer.settings';

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

interface RunningSync extends SyncedLegacy {
  launch(): void;
  stop(): Promise<void>;
}

/** Runs a table's (or a group's) sync with the service. A start that fails (the broker away, the topic not there yet) is retried in the background. */
class TableSyncLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly sync: RunningSync,
    private readonly registry: LegacySync,
    private readonly enabled: boolean,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
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
          inject: [
            KAFKA,
            CommandBus,
            DataSource,
            DeadLetterPublisher,
            LegacySourceConnection,
            { token: PERSONAL_FIELDS, optional: true },
          ],
          useFactory: (
            kafka: Kafka,
            commands: CommandBus,
            dataSource: DataSource,
            deadLetters: DeadLetterPublisher,
            source: LegacySourceConnection,
            personal: PersonalFields | null,
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
              personal: personal ?? undefined,
            }),
        },
        {
          provide: Symbol(`LegacyTableSync lifecycle ${table}`),
          inject: [sync, LegacySync],
          useFactory: (tableSync: LegacyTableSync, registry: LegacySync) =>
            new TableSyncLifecycle(tableSync, registry, tableSync.settings.enabled),
        },
      ],
      exports: [LegacySyncRegistryModule],
    };
  }

  /**
   * Tables synced into one aggregate (ADR 0031): a root table and its children, each legacy transaction's rows of
   * one aggregate applied as one command. Wires the transaction buffer (`transactionBufferTablesUp()` in the
   * context's migration), one consumer per table and one for the transaction topic, the purge of released
   * transactions, the buffer's gauges (`bascule_legacy_tx_waiting_transactions`,
   * `bascule_legacy_tx_oldest_waiting_seconds`, `bascule_legacy_tx_oldest_unreleased_seconds`), the restore check
   * against the legacy server (ADR 0035; `legacy_source_positions` in the context's migration too) and the erasure
   * marks (ADR 0033), as for one table.
   */
  static forTables<V>(definition: LegacyGroupDefinition<V>): DynamicModule {
    const { root, names } = groupTables(definition.tables);
    const sync = Symbol(`GroupedLegacySync ${root.table}`);
    const logger = new Logger(`LegacySync ${names.join('+')}`);
    const settings = groupedSyncSettingsFromEnv(definition.service, names, process.env, definition.name);
    return {
      module: LegacySyncModule,
      imports: [LegacySyncRegistryModule],
      providers: [
        {
          provide: sync,
          inject: [
            KAFKA,
            CommandBus,
            DataSource,
            DeadLetterPublisher,
            LegacySourceConnection,
            { token: PERSONAL_FIELDS, optional: true },
          ],
          useFactory: (
            kafka: Kafka,
            commands: CommandBus,
            dataSource: DataSource,
            deadLetters: DeadLetterPublisher,
            source: LegacySourceConnection,
            personal: PersonalFields | null,
          ) => {
            const pool = poolOf(dataSource);
            const bufferSettings = transactionBufferSettingsFromEnv();
            const buffer = new PgTransactionBuffer(pool, names, definition.buffer, bufferSettings.releasedRetentionMs);
            const sources: GroupedSource[] = [
              ...definition.tables.map((table): GroupedSource => {
                const capture = isChild(table) ? table.capture : table;
                const { topic, deadLetterTopic } = settings.tables[capture.table];
                return { kind: 'changes', topic, capture, deadLetterTopic };
              }),
              { kind: 'transactions', topic: settings.transactions.topic, readEnd: definition.readEnd },
            ];
            const groupOf = new Map(
              [...Object.values(settings.tables), settings.transactions].map(({ topic, groupId }) => [topic, groupId]),
            );
            return new GroupedLegacySync(
              kafka,
              buffer,
              sources,
              groupReleaser(definition, new PgLegacyKeyMap(pool, definition.keyMap), commands),
              deadLetters,
              {
                groupIdOf: (source) => groupOf.get(source.topic) as string,
                purgeIntervalMs: bufferSettings.purgeIntervalMs,
                connector: settings.connector,
                source: { server: source.server, checkIntervalMs: source.settings.checkIntervalMs },
                seal: groupLetterSealer(definition, personal ?? undefined, pool),
              },
              {
                warn: (payload, message) => logger.warn({ ...payload, msg: message }),
                error: (payload, message) => logger.error({ ...payload, msg: message }),
              },
            );
          },
        },
        {
          provide: Symbol(`GroupedLegacySync lifecycle ${root.table}`),
          inject: [sync, LegacySync],
          useFactory: (grouped: RunningSync, registry: LegacySync) =>
            new TableSyncLifecycle(grouped, registry, settings.enabled),
        },
      ],
      exports: [LegacySyncRegistryModule],
    };
  }
}
