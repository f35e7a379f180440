import { DeadLetterPublisher, SupervisedConsumer } from '@bascule/shared/messaging';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { BatchConsumer } from './engine/batch-consumer';
import { SyncLogger } from './engine/partition-retry';
import { ChangeApplier, CommandSender } from './engine/change-applier';
import { OffsetCommits } from './engine/offset-commits';
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
  logger: SyncLogger;
}

/**
 * Applies one captured legacy table to a context through the ACL: idempotent by position (a change at or
 * below the key's last applied one is skipped; one applied but not recorded converges to a no-op when
 * replayed), rows the model cannot take quarantined to `<topic>.dlq` with the reason, transient failures
 * waited out, the consumer supervised (rebuilt after a crash, a failed start retried).
 */
export class LegacyTableSync<Row = unknown, V = unknown, K extends LegacyKey = LegacyKey> {
  private consumer?: SupervisedConsumer;
  private readonly offsets: OffsetCommits;

  constructor(
    readonly definition: LegacyTableDefinition<Row, V, K>,
    readonly settings: LegacySyncSettings,
    private readonly dependencies: LegacySyncDependencies,
  ) {
    this.offsets = new OffsetCommits(OFFSET_COMMIT_INTERVAL_MS, dependencies.logger);
  }

  /** Starts now; throws when that fails. */
  async start(): Promise<void> {
    this.consumer = this.supervised();
    await this.consumer.start();
  }

  /** Starts in the background, retried with backoff until it runs (see `SupervisedConsumer.launch`). */
  launch(): void {
    this.consumer = this.supervised();
    this.consumer.launch();
  }

  /** Whether it consumes now: false while it starts, after a crash until it is back, and after stop. */
  get running(): boolean {
    return this.consumer?.running ?? false;
  }

  async stop(): Promise<void> {
    await this.offsets.flush();
    await this.consumer?.stop();
  }

  private supervised(): SupervisedConsumer {
    const { kafka, commands, pool, deadLetters, logger } = this.dependencies;
    const { topic, groupId } = this.settings;
    const applier = new ChangeApplier(this.definition, new PgLegacyKeyMap(pool, this.definition.keyMap), commands);
    const table = this.definition.capture.table;
    const batches = new BatchConsumer(pool, applier, deadLetters, { table, topic, groupId }, logger, this.offsets);
    return new SupervisedConsumer(kafka, {
      config: { groupId, allowAutoTopicCreation: false },
      subscription: { topics: [topic], fromBeginning: true },
      run: {
        // One key is always in one partition, so partitions are applied side by side without reordering a key.
        partitionsConsumedConcurrently: 12,
        eachBatchAutoResolve: false,
        autoCommit: false,
        eachBatch: (payload) => batches.consume(payload),
      },
      logger,
    });
  }
}
