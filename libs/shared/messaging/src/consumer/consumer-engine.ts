import { describeError, isLostRace } from '@bascule/shared/application';
import { EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { DeadLetterPublisher } from '../dead-letter/dead-letter-publisher';
import { BackoffOptions } from '../failures/backoff';
import { SupervisedConsumer } from '../kafka/supervised-consumer';
import { messagingMetrics } from '../messaging-metrics';
import { BatchGroups } from './batch-groups';
import { Applied, Letter, MessageApplier, Outcome, readFromPartition, SetAside } from './message-applier';
import { OffsetCommits } from './offset-commits';
import { ConsumerLogger, engineBackoff, PartitionRetry, partitionRetry, Progress, progressOf } from './partition-retry';
import { ABANDONED, SetAsideLetters } from './set-aside-letters';

export interface ConsumerEngineOptions {
  /** The consumer group, and the name of this consumer in metrics, logs and dead letters. */
  groupId: string;
  topics: string[];
  /** Attempts given to a failure not known to be transient before the message is dead-lettered (3). */
  poisonAttempts?: number;
  /** Waits between attempts of a failing transaction (100 ms doubling up to 10 s). */
  backoff?: BackoffOptions;
  /** A new group starts from the beginning of its topics (true). */
  fromBeginning?: boolean;
  /** Partition batches applied side by side (12); a key is always in one partition, so no key is reordered. */
  partitionsConsumedConcurrently?: number;
  /**
   * The partition batches of one fetch applied as one transaction (true): worth it when the applier writes a
   * batch in multi-row statements (legacy changes, ADR 0020); handlers that write event by event are faster
   * with each partition's transaction on its own connection, side by side (`eventConsumer`: false).
   */
  groupPartitionBatches?: boolean;
  /**
   * At most this many messages of a partition's batch in one transaction (500): a fetch can hand over thousands
   * of a backlog, and a transaction that long would hold its rows' locks and outlast the group's session (no
   * heartbeat while it runs). The batch goes in slices, each resolved, and heartbeated, once committed.
   */
  maxMessagesPerTransaction?: number;
  /** Resolved offsets are committed together once per interval (200 ms), always after their transaction. */
  offsetCommitIntervalMs?: number;
  /**
   * Where a message of a topic is set aside: `<topic>.dlq` by default; a context's legacy sync gives its own
   * (`<context>.<prefix>.<TABLE>.dlq`), so that contexts capturing one legacy table never share one (ADR 0044).
   */
  deadLetterTopicOf?: (topic: string) => string;
}

/**
 * The one consumer engine (ADR 0027): domain events through the inbox and legacy changes through the ACL.
 * One partition's batch is applied in one transaction, with the other partitions' batches of the same fetch
 * when it can; its offsets are resolved once it committed and committed to Kafka after. When a message must
 * be set aside, or the batch's write loses a race (a stale version, a deadlock), the transaction is rolled back
 * and the batch applied one message per transaction, so the others are not held back: a message that is poison
 * (unreadable, refused, failing `poisonAttempts` times) goes to `<topic>.dlq` (or `deadLetterTopicOf`) with its
 * reason and the partition goes on. A transient failure redoes the same transaction after a backoff, for as long
 * as it lasts; nothing is resolved meanwhile, so a stop or a rebalance redelivers (ADR 0014, 0020), and the
 * applier's deduplication makes that harmless.
 */
export class ConsumerEngine<A extends Applied = Applied> {
  private consumer?: SupervisedConsumer;
  private readonly offsets: OffsetCommits;
  private readonly retry: PartitionRetry;
  private readonly letters: SetAsideLetters;
  private readonly groups = new BatchGroups(async (messages) => {
    const applied = await this.applyTogether(messages);
    this.applier.committed(applied);
    return applied.outcomes;
  });

  constructor(
    private readonly kafka: Kafka,
    private readonly applier: MessageApplier<A>,
    deadLetters: DeadLetterPublisher,
    private readonly options: ConsumerEngineOptions,
    private readonly logger: ConsumerLogger,
  ) {
    this.retry = partitionRetry(options.groupId, logger, options.backoff ?? engineBackoff);
    this.letters = new SetAsideLetters(deadLetters, options.groupId, this.retry, logger, options.deadLetterTopicOf);
    this.offsets = new OffsetCommits(options.offsetCommitIntervalMs ?? 200, logger);
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

  /** Since when it has held its partitions (epoch ms); undefined while it starts, rebalances, restarts or stopped. */
  get memberSince(): number | undefined {
    return this.consumer?.memberSince;
  }

  async stop(): Promise<void> {
    this.offsets.stopping = true;
    try {
      await this.offsets.flush();
      await this.consumer?.stop();
    } finally {
      this.offsets.stopping = false;
    }
  }

  /** One partition's batch, as kafkajs hands it over; exposed for tests that drive the engine without a broker. */
  async consume(payload: EachBatchPayload): Promise<void> {
    readFromPartition(payload.batch.partition, payload.batch.messages);
    await this.apply(payload);
    if (this.offsets.stopping) await this.offsets.now(payload);
    else this.offsets.soon(payload);
    const { batch } = payload;
    messagingMetrics.consumerLag.set(
      { consumer: this.options.groupId, topic: batch.topic, partition: String(batch.partition) },
      Math.max(0, Number(batch.highWatermark) - Number(batch.lastOffset()) - 1),
    );
  }

  private supervised(): SupervisedConsumer {
    const { groupId, topics } = this.options;
    return new SupervisedConsumer(this.kafka, {
      config: { groupId, allowAutoTopicCreation: false },
      subscription: { topics, fromBeginning: this.options.fromBeginning ?? true },
      run: {
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 12,
        eachBatchAutoResolve: false,
        autoCommit: false,
        eachBatch: (payload) => this.consume(payload),
      },
      logger: this.logger,
    });
  }

  private async apply(payload: EachBatchPayload): Promise<void> {
    const { messages } = payload.batch;
    const most = this.options.maxMessagesPerTransaction ?? 500;
    const progress = progressOf(payload);
    for (let from = 0; from < messages.length; from += most) {
      if (from > 0 && !progress.stillWanted()) return; // revoked or stopping: the rest is redelivered
      if (!(await this.applySlice(payload, messages.slice(from, from + most), progress))) return;
    }
  }

  /** One slice of a partition's batch; false when it was abandoned (a stop, a rebalance). */
  private async applySlice(payload: EachBatchPayload, messages: KafkaMessage[], progress: Progress): Promise<boolean> {
    const { batch, resolveOffset, heartbeat } = payload;
    const { topic, partition } = batch;
    const resolve = (message: KafkaMessage, outcome: Outcome) => {
      messagingMetrics.consumed.inc({ consumer: this.options.groupId, topic, outcome });
      resolveOffset(message.offset);
    };
    const together = this.options.groupPartitionBatches === false ? undefined : await this.groups.join(messages);
    if (together) {
      messages.forEach((message, index) => resolve(message, together[index]));
      await heartbeat();
      return true;
    }
    const whole = await this.retry(() => this.applyTogether(messages), 1, progress, { topic, partition });
    if (whole.outcome === 'abandoned') return false;
    if (whole.outcome === 'done') {
      this.applier.committed(whole.value);
      messages.forEach((message, index) => resolve(message, whole.value.outcomes[index]));
      await heartbeat();
      return true;
    }
    for (const message of messages) {
      const one = await this.retry(() => this.applier.applyAlone(message), this.options.poisonAttempts ?? 3, progress, {
        topic,
        partition,
        offset: message.offset,
      });
      if (one.outcome === 'abandoned') return false;
      if (one.outcome === 'done') this.applier.committed(one.value);
      const letter: Letter | undefined =
        one.outcome === 'done' ? one.value.letters[0] : { reason: 'handler-failed', error: describeError(one.error) };
      const attempts = one.outcome === 'poison' ? one.attempts : 1;
      const outcome = letter
        ? await this.letters.publish(topic, partition, message, letter, attempts, progress)
        : one.outcome === 'done'
          ? one.value.outcomes[0]
          : ABANDONED;
      if (outcome === ABANDONED) return false;
      if (letter) this.applier.deadLettered?.(letter);
      resolve(message, outcome);
      await heartbeat();
    }
    return true;
  }

  /**
   * A lost race at the batch's write (a stale version, a deadlock with another partition's batch, a serialization
   * failure) is not waited out as a whole: redone as it was, batches that lock rows in different orders deadlock
   * again and again; the batch is redone message by message.
   */
  private async applyTogether(messages: KafkaMessage[]): Promise<A> {
    try {
      return await this.applier.applyTogether(messages);
    } catch (error) {
      if (isLostRace(error)) throw new SetAside(describeError(error));
      throw error;
    }
  }
}
