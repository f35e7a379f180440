import {
  context,
  Context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  TextMapGetter,
  trace,
} from '@opentelemetry/api';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { IHeaders, KafkaMessage } from 'kafkajs';
import { Pool } from 'pg';
import { describeError } from '@bascule/shared/application';
import {
  ContractRegistry,
  ContractViolation,
  describeSchemaErrors,
  EventEnvelope,
  EventEnvelopeSchema,
} from '@bascule/shared/contracts';
import { inTransaction, inUnitOfWork, PersonalFields, SqlRows } from '@bascule/shared/persistence';
import { DeadLetterReason } from '../dead-letter/dead-letter-publisher';
import { Applied, Letter, MessageApplier, Outcome, SetAside } from './message-applier';

/**
 * Applies one event in the consumer's transaction: its writes through `tx` (or a store on the same pool, which
 * joins the transaction), and the events it causes through the outbox writer on `tx`. All commit together with
 * the event's inbox row.
 */
export type EventHandler = (event: EventEnvelope, tx: SqlRows, delivery?: Delivery) => Promise<void>;

/** How this delivery stands: `repeated`, an event this consumer applied before (its inbox row is there). */
export interface Delivery {
  repeated: boolean;
}

export interface InboxApplierOptions {
  /** The consumer group: the key of this consumer's rows in the inbox table. */
  consumer: string;
  contracts: ContractRegistry;
  /** By event type; types without a handler are acknowledged and counted as `ignored`. */
  handlers: Readonly<Record<string, EventHandler>>;
  /**
   * Event types whose handler is called again for a repeated delivery, with `{ repeated: true }`, in the batch's
   * transaction: a saga participant answers a repeated command with the reply it stored (the inbox keeps it from
   * doing the work twice, not from answering). Other types' repeats are skipped.
   */
  answersRepeats?: ReadonlySet<string>;
  /**
   * Opens the sealed personal fields of the context's own subjects before the handler sees them (`ERASED_FIELD`
   * once erased, ADR 0033); without it, or for another context's subjects, they reach the handler sealed.
   */
  personal?: PersonalFields;
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

/** A message read: an event to apply (with the producer's trace), one this consumer has no handler for, or poison. */
type Read = { event: EventEnvelope; topic: string; trace: Context } | { outcome: 'ignored' } | { letter: Letter };
type Readable = Exclude<Read, { letter: Letter }>;

/** Reads only the headers the propagator asks for, as text, rather than copying every header of every message. */
const kafkaHeaders: TextMapGetter<IHeaders> = {
  keys: (headers) => Object.keys(headers),
  get: (headers, key) => {
    const value = headers[key];
    return Array.isArray(value) ? value.map((v) => v.toString()) : value?.toString();
  },
};

const validateEnvelope = addFormats(new Ajv({ allErrors: true, strict: false })).compile(EventEnvelopeSchema);
const tracer = trace.getTracer('bascule.event-consumer');

/**
 * Domain events applied exactly once in effect (ADR 0005, 0027): for a batch, ONE transaction inserts the
 * events' inbox rows in one statement (a row already there marks a duplicate, skipped), runs the handlers of
 * the new ones and holds the outbox rows they write; the engine commits the offsets after. A message that
 * cannot be parsed or breaks its contract is poison: set aside with its reason, never handed to a handler.
 */
export class InboxApplier implements MessageApplier {
  constructor(
    private readonly pool: Pool,
    private readonly options: InboxApplierOptions,
  ) {}

  async applyTogether(messages: KafkaMessage[]): Promise<Applied> {
    const read = messages.map((message) => this.read(message));
    const readable = read.filter((r): r is Readable => !('letter' in r));
    if (readable.length < read.length) throw new SetAside('a message to set aside');
    return this.applyAll(readable);
  }

  async applyAlone(message: KafkaMessage): Promise<Applied> {
    const read = this.read(message);
    if ('letter' in read) return { outcomes: ['dead-lettered'], letters: [read.letter] };
    return this.applyAll([read]);
  }

  committed(): void {
    // Nothing to observe beyond what the engine counts.
  }

  private applyAll(read: Readable[]): Promise<Applied> {
    const events = read.flatMap((r) => ('event' in r ? [r.event] : []));
    const ignored: Applied = { outcomes: read.map(() => 'ignored'), letters: read.map(() => undefined) };
    if (events.length === 0) return Promise.resolve(ignored);
    return inTransaction(this.pool, (tx) =>
      inUnitOfWork(this.pool, [], async () => {
        const fresh = await this.insertInboxRows(tx, events);
        const outcomes: Outcome[] = [];
        for (const r of read) {
          if (!('event' in r)) outcomes.push('ignored');
          else if (!fresh.delete(r.event.id.toLowerCase())) {
            if (this.options.answersRepeats?.has(r.event.type)) await this.handle(r, tx, { repeated: true });
            outcomes.push('duplicate');
          } else {
            await this.handle(r, tx);
            outcomes.push('applied');
          }
        }
        return { outcomes, letters: read.map(() => undefined) };
      }),
    );
  }

  /** The ids not seen before by this consumer (one statement for the whole batch; a repeat within it counts once). */
  private async insertInboxRows(tx: SqlRows, events: EventEnvelope[]): Promise<Set<string>> {
    const rows = await tx.query<{ event_id: string }>(
      `INSERT INTO inbox (consumer, event_id, event_type)
       SELECT $1, e.id, e.type FROM unnest($2::uuid[], $3::text[]) AS e(id, type)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [this.options.consumer, events.map((e) => e.id), events.map((e) => e.type)],
    );
    return new Set(rows.map((row) => row.event_id.toLowerCase()));
  }

  /** The handler runs in a span continuing the producer's trace (read from the message's headers). */
  private async handle(
    { event, topic, trace: producerTrace }: Extract<Read, { event: unknown }>,
    tx: SqlRows,
    delivery: Delivery = { repeated: false },
  ) {
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
      producerTrace,
    );
    try {
      const { personal } = this.options;
      const opened = personal
        ? { ...event, payload: await personal.open(tx, event.payload as Record<string, unknown>) }
        : event;
      await context.with(trace.setSpan(context.active(), span), () =>
        this.options.handlers[event.type](opened, tx, delivery),
      );
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: describeError(error) });
      throw error;
    } finally {
      span.end();
    }
  }

  private read(message: KafkaMessage): Read {
    try {
      const event = this.parse(message);
      if (!this.options.handlers[event.type]) return { outcome: 'ignored' };
      const { topic } = this.options.contracts.assertValid(event);
      return { event, topic, trace: propagation.extract(ROOT_CONTEXT, message.headers ?? {}, kafkaHeaders) };
    } catch (error) {
      const reason = error instanceof Poison || error instanceof ContractViolation ? error.reason : 'malformed';
      return { letter: { reason, error: describeError(error) } };
    }
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
      const details = describeSchemaErrors(validateEnvelope.errors);
      throw new Poison('invalid-envelope', `not an event envelope: ${details}`);
    }
    return value as EventEnvelope;
  }
}
