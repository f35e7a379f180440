import { randomBytes } from 'node:crypto';
import { Kafka, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { ContractRegistry, EventContract, EventEnvelope } from '@bascule/shared/contracts';
import { SqlRows } from '@bascule/shared/persistence';
import { createTopics, deleteTopics, readUntil, ReadMessage, testKafka } from '@bascule/shared/testing';
import { ConsumerEngine } from '../consumer/consumer-engine';
import { eventConsumer } from '../consumer/event-consumer';
import { Delivery, EventHandler } from '../consumer/inbox-applier';
import { DeadLetterPublisher, dlqTopicOf } from '../dead-letter/dead-letter-publisher';
import { createIdempotentProducer } from '../kafka/kafka-client';
import { EventHandlerDirectory } from '../nest/event-handler-directory';
import { defaultRelayOptions, OutboxRelay } from '../outbox/outbox-relay';

const quiet = { warn: () => undefined, info: () => undefined, error: () => undefined };

/** A handler function, or an object with a `handle` method (a participant, a consumer class), as a service wires it. */
export type RigHandler =
  EventHandler | { handle(event: EventEnvelope<never>, tx: SqlRows, delivery?: Delivery): Promise<void> };

/** What the rig runs: the consumer engine's group, topics, contracts and handlers. */
export interface ConsumerRigWiring {
  /** The consumer group (the relay's name too): give it the suite's suffix, `orders-service.saga-<suffix>`. */
  groupId: string;
  /** The topics the engine consumes; the rig creates them and their DLQs. */
  topics: string[];
  /** Other topics the suite writes or reads (a replies topic, an events topic), created and deleted with them. */
  alsoTopics?: string[];
  /** The contracts of what it consumes, on the suite's own topics (`rig.own`). */
  contracts: EventContract[];
  /** Handlers by event type that apply a delivery once (a repeat is acknowledged and skipped). */
  handlers?: Record<string, RigHandler>;
  /** Handlers by command type that answer every delivery, a repeat too (`answersRepeats`): saga participants. */
  answering?: Record<string, RigHandler>;
  /** Publishes the outbox the handlers write to (true); false where the suite reads nothing of it on Kafka. */
  relay?: boolean;
}

/**
 * A service's messaging, minus the service, for an integration suite on PostgreSQL and Kafka: the idempotent
 * producer, the outbox relay and the consumer engine (inbox, DLQ) on the suite's pool, on topics of the suite's own
 * (every contract's topic with a suffix, so suites running side by side never read each other's messages). The
 * suite sends what another service would send (`send`) and reads what comes out (`messagesOf`, `causedBy`).
 */
export class ConsumerRig {
  /** The suite's suffix: in its topics, and to give its consumer group, database and keys. */
  readonly suffix = randomBytes(4).toString('hex');
  readonly kafka: Kafka = testKafka();
  /** The handlers the engine runs, by type, as a service's `EventConsumers` registers them (a saga participant resumes with them). */
  readonly handlers = new EventHandlerDirectory();
  private producer?: Producer;
  private outbox?: OutboxRelay;
  private consumer?: ConsumerEngine;
  private created: string[] = [];

  /** The suite's own name of a topic: `orders.events.v1` → `orders-<suffix>.events.v1`. */
  readonly topic = (name: string): string => name.replace(/^([a-z]+)\./, `$1-${this.suffix}.`);

  /** The contract on the suite's own topic. */
  readonly own = <C extends EventContract>(contract: C): C => ({ ...contract, topic: this.topic(contract.topic) });

  /** Creates the topics, then starts the producer, the relay and the consumer engine on `pool`. */
  async start(pool: Pool, wiring: ConsumerRigWiring): Promise<void> {
    const { groupId, topics, alsoTopics = [], contracts, handlers = {}, answering = {}, relay = true } = wiring;
    this.created = [...topics, ...topics.map(dlqTopicOf), ...alsoTopics];
    await createTopics(this.kafka, this.created, 3);
    this.producer = createIdempotentProducer(this.kafka);
    await this.producer.connect();
    if (relay) {
      this.outbox = new OutboxRelay(
        pool,
        this.producer,
        { ...defaultRelayOptions, name: groupId, pollIntervalMs: 100 },
        quiet,
      );
      await this.outbox.start();
    }
    const byType = new Map(
      Object.entries({ ...handlers, ...answering }).map(([type, handler]) => [type, asFunction(handler)]),
    );
    this.handlers.register(byType);
    this.consumer = eventConsumer(pool, {
      kafka: this.kafka,
      deadLetters: new DeadLetterPublisher(this.producer),
      groupId,
      topics,
      contracts: new ContractRegistry(contracts),
      handlers: Object.fromEntries(byType),
      answersRepeats: new Set(Object.keys(answering)),
      logger: quiet,
    });
    await this.consumer.start();
  }

  /** Stops what `start` started, in reverse, and deletes the topics (safe after a `start` that failed half-way). */
  async stop(): Promise<void> {
    await this.consumer?.stop();
    await this.outbox?.stop();
    await this.producer?.disconnect();
    if (this.created.length) await deleteTopics(this.kafka, this.created);
  }

  /**
   * Sends envelopes as a service's relay would: keyed by their aggregate id (a saga command: its saga id), each
   * starting a trace of its own (`traceIdOf`). A string is sent as it is, a message no consumer can read.
   */
  async send(topic: string, ...values: (EventEnvelope | string)[]): Promise<void> {
    if (!this.producer) throw new Error('the rig is not started');
    await this.producer.send({
      topic,
      messages: values.map((value) =>
        typeof value === 'string'
          ? { key: 'unreadable', value }
          : { key: value.aggregateId, value: JSON.stringify(value), headers: { traceparent: traceparentOf(value) } },
      ),
    });
  }

  /** The messages of one key on `topic` (a saga's replies: its id), in order, once there are `count` of them. */
  async messagesOf(topic: string, key: string, count: number): Promise<ReadMessage[]> {
    const ofKey = (messages: ReadMessage[]) => messages.filter((m) => m.key === key);
    return ofKey(await readUntil(this.kafka, topic, (m) => ofKey(m).length >= count, 30_000));
  }

  /** The envelopes of one key on `topic`, in order, once there are `count` of them. */
  async envelopesOf(topic: string, key: string, count: number): Promise<EventEnvelope[]> {
    return (await this.messagesOf(topic, key, count)).map(envelopeIn);
  }

  /** The first envelope on `topic` caused by `sent` (its `causation_id` header): the reply to one command. */
  async causedBy(topic: string, sent: EventEnvelope): Promise<EventEnvelope> {
    const isReply = (m: ReadMessage) => m.headers.causation_id === sent.id;
    const messages = await readUntil(this.kafka, topic, (m) => m.some(isReply), 30_000);
    return envelopeIn(messages.filter(isReply)[0]);
  }
}

/** The trace an envelope sent by `ConsumerRig.send` starts: its id without dashes. */
export const traceIdOf = (sent: EventEnvelope): string => sent.id.replace(/-/g, '');

const traceparentOf = (sent: EventEnvelope) => `00-${traceIdOf(sent)}-00f067aa0ba902b7-01`;

const envelopeIn = (message: ReadMessage): EventEnvelope => JSON.parse(message.value ?? 'null') as EventEnvelope;

const asFunction = (handler: RigHandler): EventHandler =>
  typeof handler === 'function' ? handler : (event, tx, delivery) => handler.handle(event as never, tx, delivery);
