import { EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { Client, Pool } from 'pg';
import {
  Applied,
  ConsumerEngine,
  createIdempotentProducer,
  DeadLetterPublisher,
  defaultRelayOptions,
  eventConsumer,
  EVENT_COMPRESSION,
  MessageApplier,
  OutboxRelay,
} from '@bascule/shared/messaging';
import { inTransaction, messagingTablesUp, OutboxWriter, SqlRows } from '@bascule/shared/persistence';
import { EventEnvelope, envelopeHeaders } from '@bascule/shared/contracts';
import { createTestDatabase, createTopics, deleteTopics, testKafka, uniqueTopic } from '@bascule/shared/testing';
import { testContracts, thingHappened } from '../libs/shared/messaging/test/test-contract';
import { percentiles, progress, Row, waitForCount } from './bench-kit';

const PARTITIONS = 6;
const LATENCY_RATE = 500;
const WARM_UP = 2_000;
const quiet = { warn: () => undefined };

/** What every side does for one event: the consuming context's effect, one row. */
async function effect(tx: SqlRows, event: EventEnvelope): Promise<void> {
  await tx.query('INSERT INTO effects (event_id, n) VALUES ($1, $2)', [event.id, (event.payload as { n: number }).n]);
}

const inboxRows = (tx: SqlRows, consumer: string, events: EventEnvelope[]) =>
  tx.query<{ event_id: string }>(
    `INSERT INTO inbox (consumer, event_id, event_type)
     SELECT $1, e.id, e.type FROM unnest($2::uuid[], $3::text[]) AS e(id, type)
     ON CONFLICT DO NOTHING RETURNING event_id`,
    [consumer, events.map((e) => e.id), events.map((e) => e.type)],
  );

interface Side {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * (4) An event committed by one context → the consuming context's committed effect, through the consumer
 * engine (inbox row, handler, one transaction per batch, offsets after), against raw kafkajs `eachBatch` running
 * the same SQL in one transaction per batch; and the inbox's cost: the engine with the inbox against the same
 * engine and handler without deduplication.
 */
export async function benchConsumer(events: number): Promise<Row[]> {
  const kafka = testKafka('bench-consumer');
  const db = await createTestDatabase('bench_consumer');
  // Two contexts' pools, as two services would have them (one database here): the consumer's, and the producer's
  // for its commits and its relay, so neither side queues behind the other's connections.
  const pool = new Pool({ ...db.settings, max: 8 });
  const producing = new Pool({ ...db.settings, max: 6 });
  for (const statement of [
    ...messagingTablesUp,
    'CREATE TABLE effects (event_id uuid NOT NULL, n integer)',
    // The effect's commit, as the consuming context sees it: a notification is delivered when its transaction commits.
    `CREATE FUNCTION effect_committed() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN PERFORM pg_notify('effect', NEW.event_id::text); RETURN NULL; END $$`,
    'CREATE TRIGGER effect_committed AFTER INSERT ON effects FOR EACH ROW EXECUTE FUNCTION effect_committed()',
  ])
    await pool.query(statement);
  const topics: string[] = [];
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  const newTopic = async (base: string) => {
    const topic = uniqueTopic(base);
    topics.push(topic, `${topic}.dlq`);
    await createTopics(kafka, [topic, `${topic}.dlq`], PARTITIONS);
    return topic;
  };
  const engine = (topic: string) =>
    eventConsumer(pool, {
      kafka,
      deadLetters: new DeadLetterPublisher(producer),
      groupId: `bench-engine-${topic}`,
      topics: [topic],
      contracts: testContracts(topic),
      handlers: { 'test.thing-happened': (event, tx) => effect(tx, event) },
      logger: quiet,
    });
  try {
    const throughputTopic = await newTopic('bench.consume');
    const warmUpTopic = await newTopic('bench.warm-up');
    progress(`consume: producing ${events} events`);
    await produce(producer, throughputTopic, events);
    await produce(producer, warmUpTopic, WARM_UP);
    const count = () => pool.query('SELECT count(*) AS n FROM effects').then((r) => Number(r.rows[0].n));
    const consumeAll = async (label: string, side: Side, total = events) => {
      await pool.query('TRUNCATE effects, inbox');
      progress(`${label}: applying ${total} events`);
      const started = Date.now();
      await side.start();
      await waitForCount(label, count, total, 300_000);
      const rate = total / ((Date.now() - started) / 1000);
      await side.stop();
      progress(`${label}: ${rate.toFixed(0)} events/s`);
      return rate;
    };
    // Code loaded and compiled, tables and topic read once by every side: the first measured side pays no more than the others.
    await consumeAll('warm-up, engine + inbox', engine(warmUpTopic), WARM_UP);
    await consumeAll('warm-up, raw kafkajs', rawConsumer(kafka, pool, warmUpTopic), WARM_UP);
    await consumeAll('warm-up, engine without inbox', plainEngine(kafka, pool, producer, warmUpTopic), WARM_UP);
    const engineRate = await consumeAll('engine + inbox', engine(throughputTopic));
    const rawRate = await consumeAll('raw kafkajs + same SQL', rawConsumer(kafka, pool, throughputTopic));
    const plainRate = await consumeAll('engine without inbox', plainEngine(kafka, pool, producer, throughputTopic));

    const latency = await commitToEffect(producing, producer, kafka, newTopic, engine, pool, Math.min(events, 3_000));

    const scenario = 'event → consuming context’s effect';
    return [
      { scenario, measure: 'events/s', bascule: engineRate, baseline: rawRate, higherIsBetter: true },
      {
        scenario: `${scenario} at ${LATENCY_RATE}/s offered`,
        measure: 'p50 ms',
        bascule: latency.engine.p50,
        baseline: latency.raw.p50,
        higherIsBetter: false,
      },
      {
        scenario: `${scenario} at ${LATENCY_RATE}/s offered`,
        measure: 'p99 ms',
        bascule: latency.engine.p99,
        baseline: latency.raw.p99,
        higherIsBetter: false,
      },
      {
        scenario: 'inbox cost (engine with inbox vs without)',
        measure: 'events/s',
        bascule: engineRate,
        baseline: plainRate,
        higherIsBetter: true,
      },
    ];
  } finally {
    await producer.disconnect();
    await pool.end();
    await producing.end();
    await deleteTopics(kafka, topics);
    await db.drop();
  }
}

async function produce(producer: Producer, topic: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, count - i) }, (_, j) => thingHappened(i + j));
    await producer.send({
      topic,
      acks: -1,
      compression: EVENT_COMPRESSION,
      messages: batch.map((e) => ({ key: e.aggregateId, value: JSON.stringify(e), headers: envelopeHeaders(e) })),
    });
  }
}

/** The baseline: kafkajs `eachBatch`, the inbox rows and effects of a batch in one transaction, kafkajs's own commits. */
function rawConsumer(kafka: Kafka, pool: Pool, topic: string): Side {
  const groupId = `bench-raw-${topic}`;
  const consumer = kafka.consumer({ groupId });
  return {
    start: async () => {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        partitionsConsumedConcurrently: 12,
        eachBatch: async ({ batch }: EachBatchPayload) => {
          const events = batch.messages.map((m) => JSON.parse(String(m.value)) as EventEnvelope);
          await inTransaction(pool, async (tx) => {
            const fresh = new Set((await inboxRows(tx, groupId, events)).map((r) => r.event_id));
            for (const event of events) if (fresh.delete(event.id)) await effect(tx, event);
          });
        },
      });
    },
    stop: () => consumer.disconnect(),
  };
}

/** The same engine and handler, no inbox: what deduplication costs. */
function plainEngine(kafka: Kafka, pool: Pool, producer: Producer, topic: string): ConsumerEngine {
  const apply = (messages: KafkaMessage[]): Promise<Applied> =>
    inTransaction(pool, async (tx) => {
      for (const message of messages) await effect(tx, JSON.parse(String(message.value)) as EventEnvelope);
      return { outcomes: messages.map(() => 'applied'), letters: messages.map(() => undefined) };
    });
  const applier: MessageApplier = {
    applyTogether: apply,
    applyAlone: (message) => apply([message]),
    committed: () => undefined,
  };
  return new ConsumerEngine(
    kafka,
    applier,
    new DeadLetterPublisher(producer),
    { groupId: `bench-plain-${topic}`, topics: [topic], groupPartitionBatches: false },
    quiet,
  );
}

/**
 * Commit → effect, both sides alike: each event is written to the producing context's outbox in its own
 * transaction at a fixed arrival rate, the relay publishes it, and the time runs on this process's clock
 * from its COMMIT's return to the notification the effect's commit sends. Only the consumer differs.
 */
async function commitToEffect(
  producing: Pool,
  producer: Producer,
  kafka: Kafka,
  newTopic: (base: string) => Promise<string>,
  engine: (topic: string) => Side,
  consuming: Pool,
  count: number,
) {
  const listener = new Client(producing.options);
  await listener.connect();
  const committed = new Map<string, (at: number) => void>();
  listener.on('notification', ({ payload }) => committed.get(payload ?? '')?.(performance.now()));
  await listener.query('LISTEN effect');
  // The relay's own connections, as RelayLifecycle gives it in a service.
  const relayPool = new Pool({ ...producing.options, max: 3 });
  const relay = new OutboxRelay(relayPool, producer, {
    ...defaultRelayOptions,
    name: 'bench-consumer',
    batchSize: 500,
  });
  await relay.start();
  try {
    const measure = async (label: string, make: (topic: string) => Side) => {
      const topic = await newTopic('bench.effect');
      const writer = new OutboxWriter(testContracts(topic));
      const side = make(topic);
      await side.start();
      progress(`commit→effect, ${label}: ${count} events committed at ${LATENCY_RATE}/s offered`);
      const latencies = await atFixedRate(count, LATENCY_RATE, async (i) => {
        const event = thingHappened(i);
        const effected = new Promise<number>((resolve) => committed.set(event.id, resolve));
        await inTransaction(producing, (tx) => writer.append(tx, [event]));
        const at = performance.now();
        const latency = (await effected) - at;
        committed.delete(event.id);
        return latency;
      });
      await side.stop();
      return percentiles(latencies);
    };
    const engineSide = await measure('engine + inbox', engine);
    const rawSide = await measure('raw kafkajs + same SQL', (topic) => rawConsumer(kafka, consuming, topic));
    return { engine: engineSide, raw: rawSide };
  } finally {
    await relay.stop();
    await relayPool.end();
    await listener.end();
  }
}

async function atFixedRate(count: number, rate: number, one: (i: number) => Promise<number>): Promise<number[]> {
  const started = performance.now();
  const runs: Promise<number>[] = [];
  for (let i = 0; i < count; i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    runs.push(one(i));
  }
  return Promise.all(runs);
}
