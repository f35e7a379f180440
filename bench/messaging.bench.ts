import { Message } from 'kafkajs';
import { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { clientDatabaseOptions } from '@bascule/client/infrastructure';
import { createIdempotentProducer, DeadLetterPublisher, defaultRelayOptions, EVENT_COMPRESSION, EventEnvelope, envelopeHeaders, InboxConsumer, OutboxRelay, OutboxWriter } from '@bascule/shared/messaging';
import { createTestDatabase, createTopics, deleteTopics, eventually, testKafka, uniqueTopic } from '@bascule/shared/testing';
import { testContracts, thingHappened } from '../libs/shared/messaging/test/test-contract';
import { progress, Row } from './bench-kit';

const BATCH = 500;

/** (2) outbox relay vs raw kafkajs producing the same payloads, and (3) inbox consumer vs no deduplication. */
export async function benchMessaging(events: number): Promise<Row[]> {
  const kafka = testKafka('bench');
  const db = await createTestDatabase('bench_messaging');
  const dataSource = await new DataSource({ ...clientDatabaseOptions({ ...process.env, CLIENT_DATABASE: db.name }), poolSize: 10 }).initialize();
  await dataSource.query('CREATE TABLE applied (event_id uuid, n integer)');
  const pool = new Pool({ ...db.settings, max: 4 });
  const relayTopic = uniqueTopic('bench.relay');
  const rawTopic = uniqueTopic('bench.raw');
  await createTopics(kafka, [relayTopic, rawTopic, `${relayTopic}.dlq`], 6);
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  const writer = new OutboxWriter(testContracts(relayTopic));
  try {
    const envelopes = Array.from({ length: events }, (_, i) => thingHappened(i));
    progress(`outbox: writing ${events} events in transactions of ${BATCH}`);
    for (let i = 0; i < events; i += BATCH) await dataSource.transaction((tx) => writer.append(tx, envelopes.slice(i, i + BATCH)));

    progress(`relay: publishing ${events} events`);
    const relay = new OutboxRelay(pool, producer, { ...defaultRelayOptions, name: 'bench', batchSize: BATCH });
    let started = Date.now();
    while ((await relay.publishBatch()) > 0);
    const relayRate = events / ((Date.now() - started) / 1000);

    progress(`raw kafkajs: producing the same ${events} payloads`);
    started = Date.now();
    for (let i = 0; i < events; i += BATCH) {
      const messages: Message[] = envelopes.slice(i, i + BATCH).map((e) => ({ key: e.aggregateId, value: JSON.stringify(e), headers: envelopeHeaders(e) }));
      await producer.sendBatch({ topicMessages: [{ topic: rawTopic, messages }], acks: -1, compression: EVENT_COMPRESSION });
    }
    const rawRate = events / ((Date.now() - started) / 1000);

    const latency = await commitToAck(dataSource, pool, producer, writer, Math.min(events, 2_000));

    progress(`inbox consumer: applying ${events} events`);
    const inboxRate = await consume(events, () => {
      const consumer = new InboxConsumer<EntityManager>(kafka, (work) => dataSource.transaction(work), new DeadLetterPublisher(producer), { consumer: `bench-inbox-${Date.now()}`, topics: [relayTopic], contracts: testContracts(relayTopic), handlers: { 'test.thing-happened': apply } });
      return { start: () => consumer.start(), stop: () => consumer.stop() };
    }, dataSource);
    progress(`plain consumer (no inbox): applying ${events} events`);
    const plainRate = await consume(events, () => plainConsumer(dataSource, relayTopic), dataSource);

    return [
      { scenario: 'outbox relay → Kafka', measure: 'events/s', bascule: relayRate, baseline: rawRate, higherIsBetter: true },
      { scenario: 'outbox relay at 500 events/s', measure: 'commit→ack p99 ms', bascule: latency.relayP99, baseline: latency.rawP99, higherIsBetter: false },
      { scenario: 'inbox consumer', measure: 'events/s', bascule: inboxRate, baseline: plainRate, higherIsBetter: true },
    ];
  } finally {
    await producer.disconnect();
    await pool.end();
    await dataSource.destroy();
    await deleteTopics(kafka, [relayTopic, rawTopic, `${relayTopic}.dlq`]);
    await db.drop();
  }

  async function apply(event: EventEnvelope, tx: { query(sql: string, p?: unknown[]): Promise<unknown> }) {
    await tx.query('INSERT INTO applied (event_id, n) VALUES ($1, $2)', [event.id, (event.payload as { n: number }).n]);
  }

  function plainConsumer(ds: DataSource, topic: string) {
    const consumer = kafka.consumer({ groupId: `bench-plain-${Date.now()}` });
    return {
      start: async () => {
        await consumer.connect();
        await consumer.subscribe({ topic, fromBeginning: true });
        await consumer.run({ eachMessage: async ({ message }) => void (await ds.transaction((tx) => apply(JSON.parse(String(message.value)), tx))) });
      },
      stop: () => consumer.disconnect(),
    };
  }
}

async function consume(events: number, make: () => { start(): Promise<void>; stop(): Promise<void> }, ds: DataSource): Promise<number> {
  await ds.query('TRUNCATE applied');
  const consumer = make();
  const started = Date.now();
  await consumer.start();
  await eventually(async () => Number((await ds.query('SELECT count(*) AS n FROM applied'))[0].n) >= events, 300_000, 50);
  const rate = events / ((Date.now() - started) / 1000);
  await consumer.stop();
  return rate;
}

/** Events committed one by one at ~500/s: outbox commit → Kafka ack through the relay, vs commit → direct send. */
async function commitToAck(ds: DataSource, pool: Pool, producer: ReturnType<typeof createIdempotentProducer>, writer: OutboxWriter, count: number) {
  progress(`commit→ack latency: ${count} events at ~500/s through the relay, then sent directly`);
  await ds.query('TRUNCATE outbox');
  const relay = new OutboxRelay(pool, producer, { ...defaultRelayOptions, name: 'bench-latency', batchSize: BATCH });
  await relay.start();
  for (let i = 0; i < count; i++) {
    await ds.transaction((tx) => writer.append(tx, [thingHappened(i)]));
    if (i % 10 === 9) await new Promise((r) => setTimeout(r, 20));
  }
  await eventually(async () => (await relay.backlog()) === 0, 60_000);
  await relay.stop();
  const [{ p99 }] = await ds.query(`SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - created_at) * 1000) AS p99 FROM outbox`);
  const direct: number[] = [];
  for (let i = 0; i < count; i++) {
    const event = thingHappened(i);
    const started = performance.now();
    await ds.transaction((tx) => tx.query('SELECT 1'));
    await producer.send({ topic: (await ds.query('SELECT topic FROM outbox LIMIT 1'))[0].topic, acks: -1, compression: EVENT_COMPRESSION, messages: [{ key: event.aggregateId, value: JSON.stringify(event), headers: envelopeHeaders(event) }] });
    direct.push(performance.now() - started);
    if (i % 10 === 9) await new Promise((r) => setTimeout(r, 20));
  }
  direct.sort((a, b) => a - b);
  return { relayP99: Number(p99), rawP99: direct[Math.floor(direct.length * 0.99)] };
}
