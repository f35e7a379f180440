import { ConsumerEngine, DeadLetterPublisher } from '@bascule/shared/messaging';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { PersonalFields } from '@bascule/shared/persistence';
import { AppliedChanges, ChangeApplier, CommandSender } from './engine/change-applier';
import { PgLegacyKeyMap } from './key-map/pg-legacy-key-map';
import { LegacyTableDefinition } from './legacy-table';
import { LegacyKey } from '@bascule/shared/contracts';
import { LegacySyncSettings } from './legacy-sync.settings';
import { RestoreLogger, SourceRestoreWatch, WatchedLegacySource } from './source/source-restore-watch';

const OFFSET_COMMIT_INTERVAL_MS = 200;

/** What one table's sync needs from the service: Kafka, the CommandBus, the database pool the context's store uses. */
export interface LegacySyncDependencies {
  kafka: Kafka;
  commands: CommandSender;
  /** The very pool the context's store uses: a transaction is joined on its own pool only, and the key map must commit with the aggregates. */
  pool: Pool;
  deadLetters: DeadLetterPublisher;
  logger: RestoreLogger;
  /**
   * The legacy server, to tell a restore from a replay (ADR 0035): the sync remembers the highest position it
   * applied (`legacy_source_positions`, in the context's migration) and stops when the server's WAL is behind it.
   */
  source?: WatchedLegacySource;
  /** Seals the rows set aside with their subject's key (ADR 0033); without it they go as they came. */
  personal?: PersonalFields;
}

/**
 * Applies one captured legacy table to a context through the ACL, on the consumer engine (ADR 0027):
 * idempotent by position (a change at or below the key's last applied one is skipped; one applied but not
 * recorded converges to a no-op when replayed), rows the model cannot take quarantined to the context's `settings.deadLetterTopic` with
 * the reason (sealed with their subject's key), changes to an erased subject dropped, transient failures waited out, the consumer supervised (rebuilt after a crash, a failed start retried).
 */
export class LegacyTableSync<Row = unknown, V = unknown, K extends LegacyKey = LegacyKey> {
  private readonly engine: ConsumerEngine<AppliedChanges>;
  private readonly restores?: SourceRestoreWatch;
  private stopping = false;

  constructor(
    readonly definition: LegacyTableDefinition<Row, V, K>,
    readonly settings: LegacySyncSettings,
    dependencies: LegacySyncDependencies,
  ) {
    const { kafka, commands, pool, deadLetters, logger, personal, source } = dependencies;
    const keys = new PgLegacyKeyMap(pool, definition.keyMap);
    if (source) this.restores = new SourceRestoreWatch(pool, settings.topic, source, logger, () => this.engine.stop());
    const applier = new ChangeApplier(pool, definition, keys, commands, personal, this.restores?.guard);
    this.engine = new ConsumerEngine(
      kafka,
      applier,
      deadLetters,
      {
        groupId: settings.groupId,
        topics: [settings.topic],
        offsetCommitIntervalMs: OFFSET_COMMIT_INTERVAL_MS,
        deadLetterTopicOf: () => settings.deadLetterTopic,
      },
      logger,
    );
  }

  /** Starts now, unless the legacy source was restored behind what was applied; throws when that fails. */
  async start(): Promise<void> {
    if (await this.restores?.restoredAlready()) return;
    this.restores?.watch();
    await this.engine.start();
  }

  /** Starts in the background, retried with backoff until it runs (see `SupervisedConsumer.launch`). */
  launch(): void {
    void (this.restores?.restoredAlready() ?? Promise.resolve(false)).then((restored) => {
      if (restored || this.stopping) return;
      this.restores?.watch();
      this.engine.launch();
    });
  }

  /** Whether it consumes now: false while it starts, after a crash until it is back, and after stop. */
  get running(): boolean {
    return this.engine.running;
  }

  /** Its one consumer, for `/health/details`. */
  get consumers(): { topic: string; running: boolean }[] {
    return [{ topic: this.settings.topic, running: this.running }];
  }

  get connector() {
    return this.settings.connector;
  }

  /** Why it stopped for good (a restored legacy source), if it did: only the re-snapshot procedure resumes it. */
  get halted(): string | undefined {
    return this.restores?.halted;
  }

  stop(): Promise<void> {
    this.stopping = true;
    this.restores?.stop();
    return this.engine.stop();
  }
}
