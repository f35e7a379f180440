import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Kafka, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import {
  createTestDatabase,
  createTopics,
  deleteTopics,
  eventually,
  readUntil,
  spawnTs,
  TestDatabase,
  testKafka,
  uniqueTopic,
  waitForExit,
  waitForOutput,
} from '@bascule/shared/testing';
import { createIdempotentProducer, DeadLetterPublisher, defaultRelayOptions, dlqTopicOf, envelopeHeaders, InboxConsumer, messagingTablesUp, OutboxRelay, OutboxWriter } from '../src';
import { testContracts, thingHappened } from './test-contract';

const brokerScript = resolve(__dirname, '../../../../tools/infra/kafka/broker.sh');
const quiet = { warn: () => undefined };

describe('outbox relay and inbox consumer on PostgreSQL and Kafka', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let pool: Pool;
  let kafka: Kafka;
  let producer: Producer;
  const topic = uniqueTopic('test.events.v1');
  const contracts = testContracts(topic);
  const writer = new OutboxWriter(contracts);

  beforeAll(async () => {
    db = await createTestDatabase('messaging');
    dataSource = await new DataSource({ type: 'postgres', ...db.settings, username: db.settings.user, poolSize: 10 }).initialize();
    for (const statement of [...messagingTablesUp, 'CREATE TABLE applied (event_id uuid, n integer)']) await dataSource.query(statement);
    pool = new Pool({ ...db.settings, max: 5 });
    kafka = testKafka();
    await createTopics(kafka, [topic, dlqTopicOf(topic)]);
    producer = createIdempotentProducer(kafka);
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await pool?.end();
    await dataSource?.destroy();
    await deleteTopics(kafka, [topic, dlqTopicOf(topic)]);
    await db?.drop();
  });

  beforeEach(() => dataSource.query('TRUNCATE outbox, inbox, applied'));

  const unsent = async () => Number((await dataSource.query('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL'))[0].n);
  const append = (count: number, first = 0) =>
    dataSource.transaction((tx) => writer.append(tx, Array.from({ length: count }, (_, i) => thingHappened(first + i))));

  it('commits events with the caller transaction and not at all when it rolls back', async () => {
    await expect(
      dataSource.transaction(async (tx) => {
        await writer.append(tx, [thingHappened(1)]);
        throw new Error('the aggregate save failed');
      }),
    ).rejects.toThrow('the aggregate save failed');
    expect(await unsent()).toBe(0);
    await append(2);
    expect(await unsent()).toBe(2);
  });

  it('refuses to store an event that breaks its own contract', async () => {
    const bad = { ...thingHappened(1), payload: { n: 'one' } };
    await expect(dataSource.transaction((tx) => writer.append(tx, [bad]))).rejects.toThrow(/payload: \/n must be integer/);
    expect(await unsent()).toBe(0);
  });

  it('publishes keyed by aggregate id with the standard headers, in per-aggregate order', async () => {
    const aggregateId = '7d0b3c0e-5b8f-4a52-9a5e-1c3f7e6f2a10';
    const events = [1, 2, 3].map((n) => thingHappened(n, aggregateId, n));
    await dataSource.transaction((tx) => writer.append(tx, events));
    const relay = new OutboxRelay(pool, producer, { ...defaultRelayOptions, name: 'test' });
    expect(await relay.publishBatch()).toBe(3);
    expect(await unsent()).toBe(0);

    const messages = await readUntil(kafka, topic, (m) => m.filter((x) => x.key === aggregateId).length === 3);
    const mine = messages.filter((m) => m.key === aggregateId);
    expect(mine.map((m) => JSON.parse(m.value ?? '{}').payload.n)).toEqual([1, 2, 3]);
    expect(mine[0].headers).toMatchObject({ ...envelopeHeaders(events[0]), event_version: '1', origin_system: 'cloud' });
  });

  it('loses nothing when the relay is SIGKILLed between the Kafka ack and marking rows sent', async () => {
    const total = 2_000;
    for (let i = 0; i < total; i += 500) await append(500, i);
    const env = { DATABASE_URL: `postgres://${db.settings.user}:${db.settings.password}@${db.settings.host}:${db.settings.port}/${db.name}`, BATCH_SIZE: '100' };

    const first = spawnTs('libs/shared/messaging/test/relay-process.ts', { ...env, PAUSE_AFTER_SEND_BATCH: '3' });
    await waitForOutput(first, /paused after send/);
    first.kill('SIGKILL');
    await waitForExit(first);
    const left = await unsent();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(total - 200);

    const second = spawnTs('libs/shared/messaging/test/relay-process.ts', env);
    try {
      await eventually(async () => (await unsent()) === 0, 60_000);
    } finally {
      second.kill('SIGTERM');
      await waitForExit(second);
    }

    const published = await readUntil(kafka, topic, (m) => new Set(m.map((x) => x.headers.event_id)).size >= total);
    const ids = published.map((m) => m.headers.event_id);
    expect(new Set(ids).size).toBe(total);
    expect(ids.length).toBeGreaterThanOrEqual(total + 100); // the interrupted batch went out twice

    const consumer = inboxConsumer(`kill-test-${Date.now()}`);
    await consumer.start();
    try {
      const ofThisTest = 'FROM applied WHERE event_id IN (SELECT id FROM outbox)';
      await eventually(async () => Number((await dataSource.query(`SELECT count(*) AS n ${ofThisTest}`))[0].n) >= total, 60_000);
      await eventually(async () => (await consumedOutcome('duplicate')) >= 100);
      const [{ n, distinct }] = await dataSource.query(`SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS distinct ${ofThisTest}`);
      expect({ n, distinct }).toEqual({ n: total, distinct: total });
    } finally {
      await consumer.stop();
    }
  });

  it('applies an event delivered twice only once', async () => {
    const event = thingHappened(42);
    const message = { key: event.aggregateId, value: JSON.stringify(event), headers: envelopeHeaders(event) };
    await producer.send({ topic, messages: [message, message] });
    const consumer = inboxConsumer(`dup-test-${Date.now()}`);
    await consumer.start();
    try {
      await eventually(async () => Number((await dataSource.query(`SELECT count(*) AS n FROM inbox WHERE event_id = $1`, [event.id]))[0].n) === 1);
      await eventually(async () => (await consumedOutcome('duplicate')) >= 1);
      expect(await dataSource.query('SELECT n FROM applied WHERE event_id = $1', [event.id])).toEqual([{ n: 42 }]);
    } finally {
      await consumer.stop();
    }
  });

  it('sends a poison message to the dead-letter topic with its reason, and consumes the next one', async () => {
    const next = thingHappened(7);
    const invalid = { ...thingHappened(8), payload: { n: 'eight' } };
    await producer.send({
      topic,
      messages: [
        { key: 'poison', value: '{"this is": not json' },
        { key: invalid.aggregateId, value: JSON.stringify(invalid), headers: envelopeHeaders(invalid) },
        { key: next.aggregateId, value: JSON.stringify(next), headers: envelopeHeaders(next) },
      ],
    });
    const consumer = inboxConsumer(`poison-test-${Date.now()}`);
    await consumer.start();
    try {
      await eventually(async () => (await dataSource.query('SELECT 1 FROM applied WHERE event_id = $1', [next.id])).length === 1);
      const dead = await readUntil(kafka, dlqTopicOf(topic), (m) => m.some((x) => x.key === 'poison') && m.some((x) => x.key === invalid.aggregateId));
      const poison = dead.find((m) => m.key === 'poison');
      expect(poison?.value).toBe('{"this is": not json');
      expect(poison?.headers).toMatchObject({ dlq_reason: 'malformed', dlq_original_topic: topic });
      expect(poison?.headers.dlq_error).toMatch(/not JSON/);
      expect(dead.find((m) => m.key === invalid.aggregateId)?.headers).toMatchObject({ dlq_reason: 'invalid-payload', dlq_error: expect.stringMatching(/\/n must be integer/) });
    } finally {
      await consumer.stop();
    }
  });

  it('retries a failing handler a bounded number of times, then dead-letters it and moves on', async () => {
    const failing = thingHappened(-1);
    const next = thingHappened(9);
    await producer.send({ topic, messages: [failing, next].map((e) => ({ key: e.aggregateId, value: JSON.stringify(e), headers: envelopeHeaders(e) })) });
    const consumer = inboxConsumer(`retry-test-${Date.now()}`);
    await consumer.start();
    try {
      await eventually(async () => (await dataSource.query('SELECT 1 FROM applied WHERE event_id = $1', [next.id])).length === 1);
      const dead = await readUntil(kafka, dlqTopicOf(topic), (m) => m.some((x) => x.headers.event_id === failing.id));
      expect(dead.find((m) => m.headers.event_id === failing.id)?.headers).toMatchObject({ dlq_reason: 'handler-failed', dlq_attempts: '3', dlq_error: 'negative numbers are refused' });
      expect(await dataSource.query('SELECT 1 FROM inbox WHERE event_id = $1', [failing.id])).toEqual([]);
    } finally {
      await consumer.stop();
    }
  });

  it('loses nothing when the broker restarts while events are being published', async () => {
    const relay = new OutboxRelay(pool, producer, { ...defaultRelayOptions, name: 'test', pollIntervalMs: 200 }, quiet);
    await relay.start();
    try {
      await append(200, 0);
      execFileSync('bash', [brokerScript, 'stop'], { stdio: 'ignore' });
      await append(200, 200);
      execFileSync('bash', [brokerScript, 'start'], { stdio: 'ignore' });
      await append(200, 400);
      await eventually(async () => (await unsent()) === 0, 90_000);
    } finally {
      await relay.stop();
    }
    const ids = new Set((await dataSource.query('SELECT id FROM outbox')).map((r: { id: string }) => r.id));
    const published = await readUntil(kafka, topic, (m) => [...ids].every((id) => m.some((x) => x.headers.event_id === id)), 60_000);
    expect(new Set(published.map((m) => m.headers.event_id)).size).toBeGreaterThanOrEqual(600);
  });

  function inboxConsumer(group: string) {
    return new InboxConsumer<EntityManager>(kafka, (work) => dataSource.transaction(work), new DeadLetterPublisher(producer), {
      consumer: group,
      topics: [topic],
      contracts,
      retryBackoffMs: 10,
      handlers: {
        'test.thing-happened': async (event, tx) => {
          const { n } = event.payload as { n: number };
          if (n < 0) throw new Error('negative numbers are refused');
          await tx.query('INSERT INTO applied (event_id, n) VALUES ($1, $2)', [event.id, n]);
        },
      },
    }, quiet);
  }

  async function consumedOutcome(outcome: string): Promise<number> {
    const { register } = await import('prom-client');
    const metric = await register.getSingleMetric('bascule_consumer_events_total')?.get();
    return metric?.values.filter((v) => v.labels.outcome === outcome).reduce((sum, v) => sum + v.value, 0) ?? 0;
  }
});
