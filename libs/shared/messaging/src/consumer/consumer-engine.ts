import { describeError } from '@bascule/shared/application';
import { ConcurrencyError } from '@bascule/shared/ddd';
import { DeadLetterPublisher, messagingMetrics } from '@bascule/shared/messaging';
import { inTransaction, inUnitOfWork } from '@bascule/shared/persistence';
import { EachBatchPayload, KafkaMessage } from 'kafkajs';
import { Pool } from 'pg';
import { KeyRecord } from '../key-map/key-record';
import { LegacyKey } from '@bascule/shared/contracts';
import { BatchGroups } from './batch-groups';
import { Applied, ChangeApplier, Letter, Outcome, SetAside } from './change-applier';
import { OffsetCommits } from './offset-commits';
import { PartitionRetry, partitionRetry, progressOf, SyncLogger } from './partition-retry';
import { ABANDONED, SetAsideLetters } from './set-aside-letters';

export interface BatchConsumerOptions {
  table: string;
  topic: string;
  groupId: string;
  /** Attempts given to a failure not known to be transient before the change is dead-lettered (3). */
  poisonAttempts?: number;
}

/**
 * One partition's batch, applied in one transaction as a unit of work (aggregates loaded together, writes
 * made together before one commit), with the other partitions' batches of the same fetch when it can. When
 * a change must be set aside, or the batch's write loses a race, the transaction is rolled back and the batch
 * applied one change per transaction, so the others are not held back. A transient failure redoes the same
 * transaction after a backoff, for as long as it lasts; nothing is resolved meanwhile, so a stop or a
 * rebalance redelivers (ADR 0014, 0020).
 */
export class BatchConsumer<Row, V, K extends LegacyKey> {
  private readonly retry: PartitionRetry;
  private readonly letters: SetAsideLetters;
  private readonly groups = new BatchGroups(async (messages) => {
    const applied = await this.applyBatch(messages);
    this.observeLag(applied.records);
    return applied.outcomes;
  });

  constructor(
    private readonly pool: Pool,
    private readonly applier: ChangeApplier<Row, V, K>,
    deadLetters: DeadLetterPublisher,
    private readonly options: BatchConsumerOptions,
    logger: SyncLogger,
    private readonly offsets: OffsetCommits,
  ) {
    this.retry = partitionRetry(options.groupId, options.topic, logger);
    this.letters = new SetAsideLetters(deadLetters, options, this.retry, logger);
  }

  async consume(payload: EachBatchPayload): Promise<void> {
    await this.apply(payload);
    this.offsets.soon(payload);
  }

  private async apply(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat } = payload;
    const progress = progressOf(payload);
    const resolve = (message: KafkaMessage, outcome: Outcome) => {
      messagingMetrics.consumed.inc({ consumer: this.options.groupId, topic: this.options.topic, outcome });
      resolveOffset(message.offset);
    };
    const together = await this.groups.join(batch.messages);
    if (together) {
      batch.messages.forEach((message, index) => resolve(message, together[index]));
      return heartbeat();
    }
    const whole = await this.retry(() => this.applyBatch(batch.messages), 1, progress, { partition: batch.partition });
    if (whole.outcome === 'abandoned') return;
    if (whole.outcome === 'done') {
      this.observeLag(whole.value.records);
      batch.messages.forEach((message, index) => resolve(message, whole.value.outcomes[index]));
      return heartbeat();
    }
    for (const message of batch.messages) {
      const one = await this.retry(
        () => inTransaction(this.pool, () => this.applier.applyAll([message], false)),
        this.options.poisonAttempts ?? 3,
        progress,
        { partition: batch.partition, offset: message.offset },
      );
      if (one.outcome === 'abandoned') return;
      if (one.outcome === 'done') this.observeLag(one.value.records);
      const letter: Letter | undefined =
        one.outcome === 'done' ? one.value.letters[0] : { reason: 'handler-failed', error: describeError(one.error) };
      const outcome = letter
        ? await this.letters.publish(batch.partition, message, letter, progress)
        : one.outcome === 'done'
          ? one.value.outcomes[0]
          : ABANDONED;
      if (outcome === ABANDONED) return;
      resolve(message, outcome);
      await heartbeat();
    }
  }

  /** A lost race at the batch's write is not waited out as a whole: the batch is redone change by change. */
  private async applyBatch(messages: KafkaMessage[]): Promise<Applied> {
    try {
      return await inUnitOfWork(this.pool, this.applier.aggregateIdsOf(messages), () =>
        this.applier.applyAll(messages, true),
      );
    } catch (error) {
      if (error instanceof ConcurrencyError) throw new SetAside(describeError(error));
      throw error;
    }
  }

  /** Once per applied change, after its transaction committed (a batch redone change by change is not counted twice). */
  private observeLag(records: KeyRecord[]): void {
    const now = Date.now();
    for (const record of records)
      messagingMetrics.cdcLag.observe({ table: this.options.table }, Math.max(0, now - record.committedAtMs) / 1000);
  }
}
