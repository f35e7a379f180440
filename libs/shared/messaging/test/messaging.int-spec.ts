import { Kafka, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import {
  createTestDatabase,
  createTopics,
  deleteTopics,
  eventually,
  readUntil,
  TestDatabase,
  testKafka,
  topicEnd,
  uniqueTopic,
  waitForGroupAt,
} from '@bascule/shared/testing';
import {
  createIdempotentProducer,
  DeadLetterPublisher,
  defaultRelayOptions,
  dlqTopicOf,
  eventConsumer,
  OutboxRelay,
} from '../src';
import { messagingTablesUp, OutboxWriter } from '@bascule/shared/persistence';
import { envelopeHeaders } from '@bascule/shared/contracts';
import { testContracts, thingHappened } from './test-contract';

const quiet = { warn: () => undefined };
/** Stands for personal data a handler's failure could quote. */
const NEEDLE = 'ada.lovelace@example.com';

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
    dataSource = await new DataSource({
      type: 'postgres',
      ...db.settings,
      username: db.settings.user,
      poolSize: 10,
    }).initialize();
    for (const statement of [...messagingTablesUp, 'CREATE TABLE applied (event_id uuid, n integer)'])
      await dataSource.query(statement);
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

  beforeEach(() => dataSource.query('TRUNCATE outbox, outbox_sent, inbox, applied'));

  const unsent = async () =>
    Number((await dataSource.query('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL'))[0].n);
  const append = (count: number, first = 0) =>
    dataSource.transaction((tx) =>
      writer.append(
        tx,
        Array.from({ length: count }, (_, i) => thingHappened(first + i)),
      ),
    );

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
    await expect(dataSource.transaction((tx) => writer.append(tx, [bad]))).rejects.toThrow(
      /payload: \/n must be integer/,
    );
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
    expect(mine[0].headers).toMatchObject({
      ...envelopeHeaders(events[0]),
      event_version: '1',
      origin_system: 'cloud',
    });
  });

  it('moves published rows to outbox_sent, each once, keeping their columns', async () => {
    await append(3);
    const written = await dataSource.query('SELECT seq, id, aggregateid, payload::text, headers::text FROM outbox');
    const relay = new OutboxRelay(pool, producer, { ...defaultRelayOptions, name: 'test' });
    expect(await relay.publishBatch()).toBe(3);
    expect(await dataSource.query('SELECT count(*)::int AS n FROM outbox')).toEqual([{ n: 0 }]);
    expect(
      await dataSource.query(
        'SELECT seq, id, aggregateid, payload::text, headers::text FROM outbox_sent WHERE sent_at >= created_at',
      ),
    ).toEqual(written);
  });

  it('sends every commit made while a short batch is on its way in the one batch after it', async () => {
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstReached!: () => void;
    const reachedFirst = new Promise<void>((resolve) => (firstReached = resolve));
    const sizes: number[] = [];
    const holding = {
      sendBatch: async (batch: Parameters<Producer['sendBatch']>[0]) => {
        sizes.push((batch.topicMessages ?? []).reduce((n, t) => n + t.messages.length, 0));
        if (sizes.length === 1) {
          firstReached();
          await firstHeld;
        }
        return producer.sendBatch(batch);
      },
    } as unknown as Producer;
    const relay = new OutboxRelay(pool, holding, { ...defaultRelayOptions, name: 'test', pollIntervalMs: 60_000 });
    await relay.start();
    try {
      await append(1);
      await reachedFirst;
      // Five commits, each notified on its own, while the first batch waits for its ack.
      for (let i = 1; i <= 5; i++) await append(1, i);
      releaseFirst();
      await eventually(async () => sizes.reduce((sum, n) => sum + n, 0) >= 6, 30_000);
    } finally {
      releaseFirst();
      await relay.stop();
    }
    expect(await unsent()).toBe(0); // the last batch is moved on stop
    // Read after the ack, not at the first notification: one batch of five, not a batch per commit or two.
    expect(sizes).toEqual([1, 5]);
  });

  it('applies an event delivered twice only once', async () => {
    const event = thingHappened(42);
    const message = { key: event.aggregateId, value: JSON.stringify(event), headers: envelopeHeaders(event) };
    await producer.send({ topic, messages: [message, message] });
    const group = `dup-test-${Date.now()}`;
    const end = await topicEnd(kafka, topic);
    const consumer = inboxConsumer(group);
    await consumer.start();
    try {
      // Until this test's own group has committed past both copies (not a process-wide counter).
      await waitForGroupAt(kafka, group, topic, end);
    } finally {
      await consumer.stop();
    }
    expect(await dataSource.query('SELECT n FROM applied WHERE event_id = $1', [event.id])).toEqual([{ n: 42 }]);
    expect(await dataSource.query('SELECT count(*)::int AS n FROM inbox WHERE event_id = $1', [event.id])).toEqual([
      { n: 1 },
    ]);
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
      await eventually(
        async () => (await dataSource.query('SELECT 1 FROM applied WHERE event_id = $1', [next.id])).length === 1,
      );
      const dead = await readUntil(
        kafka,
        dlqTopicOf(topic),
        (m) => m.some((x) => x.key === 'poison') && m.some((x) => x.key === invalid.aggregateId),
      );
      const poison = dead.find((m) => m.key === 'poison');
      expect(poison?.value).toBe('{"this is": not json');
      expect(poison?.headers).toMatchObject({ dlq_reason: 'malformed', dlq_original_topic: topic });
      expect(poison?.headers.dlq_error).toMatch(/not JSON/);
      expect(dead.find((m) => m.key === invalid.aggregateId)?.headers).toMatchObject({
        dlq_reason: 'invalid-payload',
        dlq_error: expect.stringMatching(/\/n must be integer/),
      });
    } finally {
      await consumer.stop();
    }
  });

  it('retries a failing handler a bounded number of times, then dead-letters it and moves on', async () => {
    const failing = thingHappened(-1);
    const next = thingHappened(9);
    await producer.send({
      topic,
      messages: [failing, next].map((e) => ({
        key: e.aggregateId,
        value: JSON.stringify(e),
        headers: envelopeHeaders(e),
      })),
    });
    const consumer = inboxConsumer(`retry-test-${Date.now()}`);
    await consumer.start();
    try {
      await eventually(
        async () => (await dataSource.query('SELECT 1 FROM applied WHERE event_id = $1', [next.id])).length === 1,
      );
      const dead = await readUntil(kafka, dlqTopicOf(topic), (m) => m.some((x) => x.headers.event_id === failing.id));
      const letter = dead.find((m) => m.headers.event_id === failing.id);
      // PostgreSQL's message (`invalid input syntax for type integer: "1 from ada…"`) stays out: its SQLSTATE says what failed.
      expect(letter?.headers).toMatchObject({
        dlq_reason: 'handler-failed',
        dlq_attempts: '3',
        dlq_error: 'PostgreSQL 22P02',
      });
      expect(JSON.stringify(letter?.headers)).not.toContain(NEEDLE);
      expect(await dataSource.query('SELECT 1 FROM inbox WHERE event_id = $1', [failing.id])).toEqual([]);
    } finally {
      await consumer.stop();
    }
  });

  function inboxConsumer(group: string) {
    return eventConsumer(pool, {
      kafka,
      deadLetters: new DeadLetterPublisher(producer),
      groupId: group,
      topics: [topic],
      contracts,
      backoff: { initialMs: 10, maxMs: 10_000 },
      handlers: {
        'test.thing-happened': async (event, tx) => {
          const { n } = event.payload as { n: number };
          // A negative number fails in PostgreSQL with an error that quotes the value given (22P02).
          await tx.query('INSERT INTO applied (event_id, n) VALUES ($1, $2)', [
            event.id,
            n < 0 ? `${-n} from ${NEEDLE}` : n,
          ]);
        },
      },
      logger: quiet,
    });
  }
});
