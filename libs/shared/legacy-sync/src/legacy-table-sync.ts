import { ConsumerEngine, ConsumerLogger, DeadLetterPublisher } from '@bascule/shared/messaging';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { AppliedChanges, ChangeApplier, CommandSender } from './engine/change-applier';
import { PgLegacyKeyMap } from './key-map/pg-legacy-key-map';
import { LegacyTableDefinition } from './legacy-table';
import { LegacyKey } from '@bascule/shared/contracts';
import { LegacySyncSettings } from './legacy-sync.settings';

const OFFSET_COMMIT_INTERVAL_MS = 200;

/** What one table's sync needs from the service: Kafka, the CommandBus, the database pool the context's store uses. */
export interface LegacySyncDependencies {
  kafka: Kafka;
  commands: CommandSender;
  /** The very pool the context's store uses: a transaction is joined on its own pool only, and the key map must commit with the aggregates. */
  pool: Pool;
  deadLetters: DeadLetterPublisher;
  logger: ConsumerLogger;
}

/**
 * Applies one captured legacy table to a context through the ACL, on the consumer engine (ADR 0027):
 * idempotent by position (a change at or below the key's last applied one is skipped; one applied but not
 * recorded converges to a no-op when replayed), rows the model cannot take quarantined to `<topic>.dlq` with
 * the reason, transient failures waited out, the consumer supervised (rebuilt after a crash, a failed start retried).
 */
export class LegacyTableSync<Row = unknown, V = unknown, K extends LegacyKey = LegacyKey> {
  private readonly engine: ConsumerEngine<AppliedChanges>;

  constructor(
    readonly definition: LegacyTableDefinition<Row, V, K>,
    readonly settings: LegacySyncSettings,
    dependencies: LegacySyncDependencies,
  ) {
    const { kafka, commands, pool, deadLetters, logger } = dependencies;
    const keys = new PgLegacyKeyMap(pool, definition.keyMap);
    const applier = new ChangeApplier(pool, definition, keys, commands);
    this.engine = new ConsumerEngine(
      kafka,
      applier,
      deadLetters,
      { groupId: settings.groupId, topics: [settings.topic], offsetCommitIntervalMs: OFFSET_COMMIT_INTERVAL_MS },
      logger,
    );
  }

  /** Starts now; throws when that fails. */
  start(): Promise<void> {
    return this.engine.start();
  }

  /** Starts in the background, retried with backoff until it runs (see `SupervisedConsumer.launch`). */
  launch(): void {
    this.engine.launch();
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

  stop(): Promise<void> {
    return this.engine.stop();
  }
}
