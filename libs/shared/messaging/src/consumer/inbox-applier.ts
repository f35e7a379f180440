import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { describeError } from '@bascule/shared/application';
import { ContractRegistry, ContractViolation } from '@bascule/shared/contracts';
import { EventEnvelopeSchema } from '@bascule/shared/contracts';
import { EventEnvelope } from '@bascule/shared/contracts';
import { DeadLetterPublisher, DeadLetterReason } from '../dead-letter/dead-letter-publisher';
import { BackoffOptions } from '../failures/backoff';
import { Attempted, retryTransient } from '../failures/retry-transient';
import { SupervisedConsumer } from '../kafka/supervised-consumer';
import { messagingMetrics } from '../messaging-metrics';
import { SqlExecutor } from '@bascule/shared/persistence';

export type InboxHandler<TTx extends SqlExecutor> = (event: EventEnvelope, tx: TTx) => Promise<void>;
/** Runs work in one database transaction: TypeORM's `dataSource.transaction(...)` has this shape. */
export type TransactionRunner<TTx extends SqlExecutor> = <T>(work: (tx: TTx) => Promise<T>) => Promise<T>;

export interface InboxConsumerOptions<TTx extends SqlExecutor> {
  /** Consumer group id, and the key of this consumer's rows in the inbox table. */
  consumer: string;
  topics: string[];
  contracts: ContractRegistry;
  /** By event type; types without a handler are acknowledged and counted as `ignored`. */
  handlers: Readonly<Record<string, InboxHandler<TTx>>>;
  /** Attempts given to a handler failure that is not transient before the event is dead-lettered (3). */
  maxAttempts?: number;
  /** First wait of the exponential backoff (100 ms); transient failures wait up to `retryMaxBackoffMs` (10 s). */
  retryBackoffMs?: number;
  retryMaxBackoffMs?: number;
  fromBeginning?: boolean;
  partitionsConsumedConcurrently?: number;
}

export interface ConsumerLogger {
  warn(payload: object, message: string): void;
}

type Outcome = 'applied' | 'duplicate' | 'ignored' | 'dead-lettered';
/** The consumer stopped or lost the partition while waiting out a failure: the offset stays unresolved. */
const ABANDONED = Symbol('abandoned');

interface Progress {
  stillWanted: () => boolean;
  keepAlive: () => Promise<void>;
}

/** Its message is composed here from positions and schema paths, never from the message's content. */
class Poison extends Error {
  readonly safeMessage = true;

  constructor(
    readonly reason: DeadLetterReason,
    message: string,
  ) {
    super(message);
  }
}

const validateEnvelope = addFormats(new Ajv({ allErrors: true, strict: false })).compile(EventEnvelopeSchema);
const tracer = trace.getTracer('bascule.inbox-consumer');

/**
 * Consumes events exactly once in effect: the handler's writes and the event id are committed in one
 * transaction, then the offset. A redelivered event finds its id in the inbox and is skipped. A message
 * that cannot be parsed, breaks its contract, or fails its handler `maxAttempts` times is copied to
 * `<topic>.dlq` with the reason, and the partition keeps flowing. A transient failure (the database
 * unavailable, a lost serialization race, see `classifyFailure`) is never dead-lettered: the partition
 * waits on that message, with backoff and heartbeats, until it applies (docs/adr/0014).
 */
export class InboxConsumer<TTx extends SqlExecutor> {
  private consumer?: SupervisedConsumer;

  constructor(
    private readonly kafka: Kafka,
    private readonly transaction: TransactionRunner<TTx>,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly options: InboxConsumerOptions<TTx>,
    private readonly logger: ConsumerLogger = console,
  ) {}

  async start(): Promise<void> {
    this.consumer = new SupervisedConsumer(this.kafka, {
      config: { groupId: this.options.consumer, allowAutoTopicCreation: false },
      subscription: { topics: this.options.topics, fromBeginning: this.options.fromBeginning ?? true },
      run: {
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
        eachBatch: (payload) => this.consumeBatch(payload),
      },
      logger: this.logger,
    });
    await this.consumer.start();
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }

  private async consumeBatch({
    batch,
    resolveOffset,
    heartbeat,
    commitOffsetsIfNecessary,
    isRunning,
    isStale,
  }: EachBatchPayload): Promise<void> {
    const progress: Progress = { stillWanted: () => isRunning() && !isStale(), keepAlive: () => heartbeat() };
    for (const message of batch.messages) {
      if (!progress.stillWanted()) break;
      const outcome = await this.handle(batch.topic, batch.partition, message, progress);
      if (outcome === ABANDONED) break;
      messagingMetrics.consumed.inc({ consumer: this.options.consumer, topic: batch.topic, outcome });
      resolveOffset(message.offset);
      await heartbeat();
    }
    await commitOffsetsIfNecessary();
    const last = batch.lastOffset();
    messagingMetrics.consumerLag.set(
      { consumer: this.options.consumer, topic: batch.topic, partition: String(batch.partition) },
      Math.max(0, Number(batch.highWatermark) - Number(last) - 1),
    );
  }

  private async handle(
    topic: string,
    partition: number,
    message: KafkaMessage,
    progress: Progress,
  ): Promise<Outcome | typeof ABANDONED> {
    const carrier = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, v?.toString() ?? '']));
    const span = tracer.startSpan(
      `${topic} process`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.destination.name': topic,
          'messaging.consumer.group.name': this.options.consumer,
        },
      },
      propagation.extract(ROOT_CONTEXT, carrier),
    );
    try {
      return await context.with(trace.setSpan(context.active(), span), () =>
        this.process(topic, partition, message, progress),
      );
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: describeError(error) });
      throw error;
    } finally {
      span.end();
    }
  }

  private async process(
    topic: string,
    partition: number,
    message: KafkaMessage,
    progress: Progress,
  ): Promise<Outcome | typeof ABANDONED> {
    let event: EventEnvelope;
    try {
      event = this.parse(message);
      if (!this.options.handlers[event.type]) return 'ignored';
      this.options.contracts.assertValid(event);
    } catch (error) {
      const reason = error instanceof Poison || error instanceof ContractViolation ? error.reason : 'malformed';
      return this.deadLetter(topic, partition, message, reason, error, 0, progress);
    }
    const about = { topic, partition, offset: message.offset, eventId: event.id };
    const applied = await this.retry(() => this.applyOnce(event), this.options.maxAttempts ?? 3, progress, about);
    if (applied.outcome === 'done') return applied.value;
    if (applied.outcome === 'abandoned') return ABANDONED;
    return this.deadLetter(topic, partition, message, 'handler-failed', applied.error, applied.attempts, progress);
  }

  private retry<T>(
    work: () => Promise<T>,
    poisonAttempts: number,
    progress: Progress,
    about: object,
  ): Promise<Attempted<T>> {
    const backoff: BackoffOptions = {
      initialMs: this.options.retryBackoffMs ?? 100,
      maxMs: this.options.retryMaxBackoffMs ?? 10_000,
    };
    return retryTransient(
      work,
      { backoff, poisonAttempts },
      { component: this.options.consumer, logger: this.logger, about, ...progress },
    );
  }

  private applyOnce(event: EventEnvelope): Promise<Outcome> {
    return this.transaction(async (tx) => {
      const inserted = (await tx.query(
        'INSERT INTO inbox (consumer, event_id, event_type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id',
        [this.options.consumer, event.id, event.type],
      )) as unknown[];
      if (inserted.length === 0) return 'duplicate';
      await this.options.handlers[event.type](event, tx);
      return 'applied';
    });
  }

  private parse(message: KafkaMessage): EventEnvelope {
    if (!message.value) throw new Poison('malformed', 'message has no value');
    let value: unknown;
    try {
      value = JSON.parse(message.value.toString('utf8'));
    } catch (error) {
      // V8 quotes the text around the error: keep only where, never what (payloads hold personal data).
      throw new Poison('malformed', `value is not JSON${/ at position \d+/.exec((error as Error).message)?.[0] ?? ''}`);
    }
    if (!validateEnvelope(value)) {
      const details = (validateEnvelope.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
      throw new Poison('invalid-envelope', `not an event envelope: ${details}`);
    }
    return value as EventEnvelope;
  }

  /** The dead-letter publish itself waits out a broker outage; a failure it cannot retry fails the batch (redelivered). */
  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: DeadLetterReason,
    error: unknown,
    attempts: number,
    progress: Progress,
  ): Promise<Outcome | typeof ABANDONED> {
    // Never the error's own message: PostgreSQL's quotes values (`invalid input syntax for type …: "…"`).
    const text = describeError(error);
    this.logger.warn(
      { topic, partition, offset: message.offset, reason, error: text },
      'message sent to the dead-letter topic',
    );
    const letter = { topic, partition, message, consumer: this.options.consumer, reason, error: text, attempts };
    const published = await this.retry(() => this.deadLetters.publish(letter), 1, progress, {
      topic,
      partition,
      offset: message.offset,
    });
    if (published.outcome === 'poison') throw published.error;
    return published.outcome === 'done' ? 'dead-lettered' : ABANDONED;
  }
}
