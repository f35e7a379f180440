import {
  clientIdOfLegacy,
  DebeziumChange,
  LegacyClientRow,
  parseDebeziumChange,
  snapshotOf,
  translateLegacyClient,
} from '@bascule/anti-corruption';
import { SyncClientFromLegacyCommand } from '@bascule/client/application';
import { DomainError } from '@bascule/shared/ddd';
import { describeError } from '@bascule/shared/application';
import {
  Attempted,
  DeadLetterPublisher,
  DeadLetterReason,
  messagingMetrics,
  retryTransient,
  SupervisedConsumer,
} from '@bascule/shared/messaging';
import { isTransient } from '@bascule/shared/application';
import { inTransaction } from '@bascule/shared/persistence';
import { CommandBus } from '@nestjs/cqrs';
import { EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { KeyRecord, LegacyClientKeys } from './legacy-client-keys';

export interface LegacyClientsConsumerOptions {
  topic: string;
  groupId: string;
  /** Attempts given to a failure not known to be transient before the change is dead-lettered (3). */
  poisonAttempts?: number;
}

interface Logger {
  warn(payload: object, message: string): void;
}

type Outcome = 'applied' | 'duplicate' | 'tombstone' | 'dead-lettered';
type Applied = KeyRecord & { sourceTsMs: number };
type Progress = { stillWanted: () => boolean; keepAlive: () => Promise<void> };
/** A change set aside in its transaction, published to the dead-letter topic only once that transaction committed. */
type Letter = { reason: DeadLetterReason; error: string };
type Applying = { outcomes: Outcome[]; letters: (Letter | undefined)[] };
const ABANDONED = Symbol('abandoned');

/** Raised inside a batch transaction when a change must be set aside: the batch is redone one by one. */
class SetAside extends Error {}

/**
 * Applies captured `CLIENTS` changes to the client context through the ACL. Idempotent by position: a
 * change at or below the key's last applied LSN is skipped, and a change applied but not yet recorded
 * (crash between) converges to a no-op when replayed. Rows the model cannot take are quarantined to
 * `<topic>.dlq` with the reason; the stream keeps flowing. A transient failure (the database away, a
 * concurrent write) is waited out with backoff, the offset unresolved, never dead-lettered (ADR 0014).
 */
export class LegacyClientsConsumer {
  private consumer?: SupervisedConsumer;

  constructor(
    private readonly kafka: Kafka,
    private readonly commands: CommandBus,
    private readonly keys: LegacyClientKeys,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly options: LegacyClientsConsumerOptions,
    private readonly logger: Logger,
  ) {}

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

  private supervised(): SupervisedConsumer {
    return new SupervisedConsumer(this.kafka, {
      config: { groupId: this.options.groupId, allowAutoTopicCreation: false },
      subscription: { topics: [this.options.topic], fromBeginning: true },
      run: {
        // One key is always in one partition, so partitions can be applied side by side without reordering a client.
        partitionsConsumedConcurrently: 12,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.consumeBatch(payload),
      },
      logger: this.logger,
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }

  /**
   * A partition's batch is applied in one transaction (one commit for many changes). When a change must
   * be set aside, that transaction is rolled back and the batch is applied one change per transaction,
   * so the others are not held back by it. A transient failure redoes the same transaction after a
   * backoff, for as long as it lasts; nothing is resolved meanwhile, so a stop or a rebalance redelivers.
   */
  private async consumeBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const progress: Progress = { stillWanted: () => isRunning() && !isStale(), keepAlive: () => heartbeat() };
    const resolve = (message: KafkaMessage, outcome: Outcome) => {
      messagingMetrics.consumed.inc({ consumer: this.options.groupId, topic: this.options.topic, outcome });
      resolveOffset(message.offset);
    };
    const whole = await this.retry(
      () => inTransaction(this.keys.pool, () => this.applyAll(batch.messages, true)),
      1,
      progress,
      { partition: batch.partition },
    );
    if (whole.outcome === 'abandoned') return;
    if (whole.outcome === 'done') {
      batch.messages.forEach((message, index) => resolve(message, whole.value.outcomes[index]));
      return heartbeat();
    }
    for (const message of batch.messages) {
      const about = { partition: batch.partition, offset: message.offset };
      const one = await this.retry(
        () => inTransaction(this.keys.pool, () => this.applyAll([message], false)),
        this.options.poisonAttempts ?? 3,
        progress,
        about,
      );
      if (one.outcome === 'abandoned') return;
      // Dead letters are published after the commit: a commit that failed and was redone publishes nothing twice.
      const letter: Letter | undefined =
        one.outcome === 'done' ? one.value.letters[0] : { reason: 'handler-failed', error: describeError(one.error) };
      const outcome = letter
        ? await this.deadLetter(batch.partition, message, letter, progress)
        : one.outcome === 'done'
          ? one.value.outcomes[0]
          : ABANDONED;
      if (outcome === ABANDONED) return;
      resolve(message, outcome);
      await heartbeat();
    }
  }

  /** A set-aside change is not a failure to retry: the batch is redone change by change at once. */
  private retry<T>(
    work: () => Promise<T>,
    poisonAttempts: number,
    progress: Progress,
    about: object,
  ): Promise<Attempted<T>> {
    return retryTransient(
      work,
      { poisonAttempts, backoff: { initialMs: 100, maxMs: 10_000 } },
      {
        component: this.options.groupId,
        logger: this.logger,
        about: { topic: this.options.topic, ...about },
        ...progress,
      },
    );
  }

  /**
   * Reads the key map once for the messages, applies them in order, and records them in one statement.
   * Lag is observed only here, so a batch redone change by change is not counted twice.
   */
  private async applyAll(messages: KafkaMessage[], inBatch: boolean): Promise<Applying> {
    const applied = await this.keys.lastLsns(messages.map(keyOf).filter((key): key is number => key !== undefined));
    const records: Applied[] = [];
    const outcomes: Outcome[] = [];
    const letters: (Letter | undefined)[] = [];
    for (const message of messages) {
      const handled = await this.handle(message, inBatch, applied, records);
      outcomes.push(typeof handled === 'string' ? handled : 'dead-lettered');
      letters.push(typeof handled === 'string' ? undefined : handled);
    }
    await this.keys.recordAll(records);
    const now = Date.now();
    for (const record of records)
      messagingMetrics.cdcLag.observe({ table: 'CLIENTS' }, Math.max(0, now - record.sourceTsMs) / 1000);
    return { outcomes, letters };
  }

  /** An outcome, or the letter of a change set aside (published by the caller after the commit). */
  private async handle(
    message: KafkaMessage,
    inBatch: boolean,
    applied: Map<number, number>,
    records: Applied[],
  ): Promise<Outcome | Letter> {
    const setAside = (reason: DeadLetterReason, error: string): Letter => {
      if (inBatch) throw new SetAside(error);
      return { reason, error };
    };
    let change: DebeziumChange | null;
    try {
      change = parseDebeziumChange(message.value);
    } catch (error) {
      return setAside('malformed', describeError(error)); // MalformedChange's message names positions and paths only
    }
    if (!change) return 'tombstone';
    const row = (change.op === 'd' ? change.before : change.after) as LegacyClientRow;
    if (!Number.isSafeInteger(row.NO_CLIENT)) return setAside('malformed', 'NO_CLIENT is not an integer');
    const last = applied.get(row.NO_CLIENT);
    if (last !== undefined && change.source.lsn <= last) return 'duplicate';

    const translation = change.op === 'd' ? null : translateLegacyClient(row);
    if (translation?.quarantine) return setAside('quarantined', translation.quarantine.join('; '));
    const image = translation?.image ?? null;
    const clientId = clientIdOfLegacy(row.NO_CLIENT);
    try {
      const metadata = {
        correlationId: `legacy-lsn-${change.source.lsn}`,
        causationId: change.source.txId ? `legacy-tx-${change.source.txId}` : null,
        originSystem: 'legacy' as const,
      };
      await this.commands.execute(new SyncClientFromLegacyCommand(clientId, image, metadata));
    } catch (error) {
      // Refused by the domain: the row is set aside. A concurrent write (ConcurrencyError) is transient: retried.
      // Its code and field names, not its message (which may quote the row).
      if (error instanceof DomainError && !isTransient(error)) return setAside('quarantined', describeError(error));
      throw error;
    }
    const erased = image?.status === 'ERASED';
    applied.set(row.NO_CLIENT, change.source.lsn);
    records.push({
      noClient: row.NO_CLIENT,
      clientId,
      lsn: change.source.lsn,
      sourceTsMs: change.source.ts_ms,
      deleted: change.op === 'd',
      snapshot:
        change.op === 'd'
          ? null
          : erased
            ? { STATUT: 'X', DATE_CREATION: snapshotOf(row).DATE_CREATION }
            : snapshotOf(row),
    });
    return 'applied';
  }

  /** The publish waits out a broker outage like InboxConsumer's; a failure it cannot retry fails the batch (redelivered). */
  private async deadLetter(
    partition: number,
    message: KafkaMessage,
    { reason, error }: Letter,
    progress: Progress,
  ): Promise<Outcome | typeof ABANDONED> {
    this.logger.warn(
      { topic: this.options.topic, partition, offset: message.offset, reason, error },
      'legacy change set aside',
    );
    const letter = {
      topic: this.options.topic,
      partition,
      message,
      consumer: this.options.groupId,
      reason,
      error,
      attempts: 1,
    };
    const published = await this.retry(() => this.deadLetters.publish(letter), 1, progress, {
      partition,
      offset: message.offset,
    });
    if (published.outcome === 'poison') throw published.error;
    if (published.outcome === 'abandoned') return ABANDONED;
    if (reason === 'quarantined') messagingMetrics.quarantined.inc({ table: 'CLIENTS' });
    return 'dead-lettered';
  }
}

/** NO_CLIENT from the message key (`{"NO_CLIENT":42}`), when it is readable. */
function keyOf(message: KafkaMessage): number | undefined {
  try {
    const key = JSON.parse(message.key?.toString() ?? '') as { NO_CLIENT?: unknown };
    return Number.isSafeInteger(key.NO_CLIENT) ? (key.NO_CLIENT as number) : undefined;
  } catch {
    return undefined;
  }
}
