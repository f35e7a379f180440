import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { ContractRegistry, ContractViolation } from '../contracts/contract-registry';
import { EventEnvelopeSchema } from '../contracts/envelope.schema';
import { EventEnvelope } from '../contracts/event-envelope';
import { DeadLetterPublisher, DeadLetterReason } from '../dead-letter/dead-letter-publisher';
import { messagingMetrics } from '../messaging-metrics';
import { SqlExecutor } from '../sql-executor';

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
  maxAttempts?: number;
  retryBackoffMs?: number;
  fromBeginning?: boolean;
  partitionsConsumedConcurrently?: number;
}

export interface ConsumerLogger {
  warn(payload: object, message: string): void;
}

type Outcome = 'applied' | 'duplicate' | 'ignored' | 'dead-lettered';

class Poison extends Error {
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
 * `<topic>.dlq` with the reason, and the partition keeps flowing.
 */
export class InboxConsumer<TTx extends SqlExecutor> {
  private consumer?: Consumer;

  constructor(
    private readonly kafka: Kafka,
    private readonly transaction: TransactionRunner<TTx>,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly options: InboxConsumerOptions<TTx>,
    private readonly logger: ConsumerLogger = console,
  ) {}

  async start(): Promise<void> {
    this.consumer = this.kafka.consumer({ groupId: this.options.consumer, allowAutoTopicCreation: false });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.options.topics, fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.consumeBatch(payload),
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }

  private async consumeBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) break;
      const outcome = await this.handle(batch.topic, batch.partition, message);
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

  private async handle(topic: string, partition: number, message: KafkaMessage): Promise<Outcome> {
    const carrier = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, v?.toString() ?? '']));
    const span = tracer.startSpan(`${topic} process`, { kind: SpanKind.CONSUMER, attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.consumer.group.name': this.options.consumer } }, propagation.extract(ROOT_CONTEXT, carrier));
    try {
      return await context.with(trace.setSpan(context.active(), span), () => this.process(topic, partition, message));
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
      throw error;
    } finally {
      span.end();
    }
  }

  private async process(topic: string, partition: number, message: KafkaMessage): Promise<Outcome> {
    let event: EventEnvelope;
    try {
      event = this.parse(message);
      if (!this.options.handlers[event.type]) return 'ignored';
      this.options.contracts.assertValid(event);
    } catch (error) {
      const reason = error instanceof Poison || error instanceof ContractViolation ? error.reason : 'malformed';
      await this.deadLetter(topic, partition, message, reason, error, 0);
      return 'dead-lettered';
    }
    const attempts = this.options.maxAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.applyOnce(event);
      } catch (error) {
        if (attempt >= attempts) {
          await this.deadLetter(topic, partition, message, 'handler-failed', error, attempt);
          return 'dead-lettered';
        }
        this.logger.warn({ err: error, eventId: event.id, attempt }, 'event handler failed, retrying');
        await new Promise((resolve) => setTimeout(resolve, (this.options.retryBackoffMs ?? 100) * 2 ** (attempt - 1)));
      }
    }
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

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, reason: DeadLetterReason, error: unknown, attempts: number): Promise<void> {
    const text = error instanceof Error ? error.message : String(error);
    this.logger.warn({ topic, partition, offset: message.offset, reason, error: text }, 'message sent to the dead-letter topic');
    await this.deadLetters.publish({ topic, partition, message, consumer: this.options.consumer, reason, error: text, attempts });
  }
}
