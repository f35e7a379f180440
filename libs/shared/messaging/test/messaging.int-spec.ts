import { ChildProcess, execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import {
  createTestDatabase,
  createTopics,
  deleteTopics,
  eventually,
  readUntil,
  spawnTs,
  storedBatches,
  testBrokers,
  TestDatabase,
  testKafka,
  topicEnd,
  uniqueTopic,
  waitForExit,
  waitForGroupAt,
  waitForOutput,
} from '@bascule/shared/testing';
import { createIdempotentProducer, DeadLetterPublisher, defaultRelayOptions, dlqTopicOf, envelopeHeaders, InboxConsumer, messagingTablesUp, OutboxRelay, OutboxWriter } from '../src';
import { testContracts, thingHappened } from './test-contract';

interface Lane {
  topic: string;
  contracts: ReturnType<typeof testContracts>;
  append(count: number, first?: number): Promise<unknown>;
}

const brokerScript = resolve(__dirname, '../../../../tools/infra/kafka/broker.sh');
const relayProcess = 'libs/shared/messaging/test/relay-process.ts';
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
  const laneTopics: string[] = [];

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
    await deleteTopics(kafka, [topic, dlqTopicOf(topic), ...laneTopics]);
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
    const events = await lane();
    const total = 2_000;
    for (let i = 0; i < total; i += 500) await events.append(500, i);

    const first = spawnTs(relayProcess, { ...relayEnv(), PAUSE_AFTER_SEND_BATCH: '3' });
    await waitForOutput(first, /paused after send/);
    await kill(first);
    const left = await unsent();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(total - 200);

    await drainWithRelay();
    const copies = await copiesOnTopic(events.topic);
    expect(idsWithCopies(copies, (n) => n < 1)).toEqual([]);
    expect(idsWithCopies(copies, (n) => n > 1).length).toBeGreaterThanOrEqual(100); // the acknowledged, unmarked batch went out again
    expect(idsWithApplications(await applyEverything(events), (n) => n !== 1)).toEqual([]);
  }, 300_000);

  it('loses nothing when the relay is SIGKILLed with a batch sent and not yet acknowledged', async () => {
    const events = await lane();
    const total = 2_000;
    for (let i = 0; i < total; i += 500) await events.append(500, i);

    const first = spawnTs(relayProcess, { ...relayEnv(), STALL_UNACKED_BATCH: '3' });
    await waitForOutput(first, /batch 3 in flight, not acknowledged/);
    await kill(first);
    // The batch in flight and every later one are still to send; only acknowledged batches may be marked.
    expect(await unsent()).toBeGreaterThanOrEqual(total - 200);

    await drainWithRelay();
    const copies = await copiesOnTopic(events.topic);
    expect(idsWithCopies(copies, (n) => n < 1)).toEqual([]);
    expect(idsWithApplications(await applyEverything(events), (n) => n !== 1)).toEqual([]);
  }, 300_000);

  it('hands the outbox to the standby relay when the leader is SIGKILLed mid-drain', async () => {
    const events = await lane();
    const total = 2_000;
    for (let i = 0; i < total; i += 500) await events.append(500, i);
    const leader = spawnTs(relayProcess, { ...relayEnv(), STALL_UNACKED_BATCH: '3', POLL_INTERVAL_MS: '200' });
    let standby: ChildProcess | undefined;
    try {
      await waitForOutput(leader, /batch 3 in flight, not acknowledged/);
      standby = spawnTs(relayProcess, { ...relayEnv(), POLL_INTERVAL_MS: '200' });
      const standbyOutput = outputOf(standby);
      await waitForOutput(standby, /relay started/);
      const waiting = await unsent();
      await new Promise((resolve) => setTimeout(resolve, 2_000)); // ten polls of the standby while the leader holds the outbox
      expect(standbyOutput()).not.toMatch(/sent batch/);
      expect(await unsent()).toBe(waiting);

      await kill(leader);
      await eventually(async () => (await unsent()) === 0, 60_000);
      expect(standbyOutput()).toMatch(/sent batch/);
    } finally {
      await kill(leader);
      standby?.kill('SIGTERM');
      if (standby) await waitForExit(standby);
    }
    const copies = await copiesOnTopic(events.topic);
    expect(idsWithCopies(copies, (n) => n < 1)).toEqual([]);
    expect(idsWithApplications(await applyEverything(events), (n) => n !== 1)).toEqual([]);
  }, 300_000);

  it('purges sent rows older than the retention, and never an unsent one however old', async () => {
    await append(6);
    const ids: string[] = (await dataSource.query('SELECT id FROM outbox ORDER BY seq')).map((r: { id: string }) => r.id);
    const [sentLongAgo, sentRecently, unsentOld] = [ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)];
    await dataSource.query(`UPDATE outbox SET created_at = now() - interval '3 days', sent_at = now() - interval '2 days' WHERE id = ANY($1)`, [sentLongAgo]);
    await dataSource.query(`UPDATE outbox SET created_at = now() - interval '3 days', sent_at = now() - interval '1 hour' WHERE id = ANY($1)`, [sentRecently]);
    await dataSource.query(`UPDATE outbox SET created_at = now() - interval '3 days' WHERE id = ANY($1)`, [unsentOld]);
    // Another session holds the leader lock, so this relay only purges: the unsent rows stay unsent.
    const lockHolder = await pool.connect();
    await lockHolder.query(`SELECT pg_advisory_lock(hashtext('bascule.outbox'))`);
    const relay = new OutboxRelay(pool, producer, { ...defaultRelayOptions, name: 'test', retentionMs: 24 * 3600_000, purgeIntervalMs: 100 }, quiet);
    await relay.start();
    try {
      await eventually(async () => (await dataSource.query('SELECT 1 FROM outbox WHERE id = ANY($1)', [sentLongAgo])).length === 0, 10_000);
    } finally {
      await relay.stop();
      await lockHolder.query(`SELECT pg_advisory_unlock(hashtext('bascule.outbox'))`);
      lockHolder.release();
    }
    const left = await dataSource.query('SELECT id, sent_at IS NULL AS unsent FROM outbox ORDER BY seq');
    expect(left).toEqual([...sentRecently.map((id) => ({ id, unsent: false })), ...unsentOld.map((id) => ({ id, unsent: true }))]);
  });

  it('puts gzip-compressed record batches on the wire', async () => {
    const events = await lane(1);
    await producer.send({ topic: events.topic, messages: [{ key: 'plain', value: 'sent uncompressed, to show the reader tells codecs apart' }] });
    await events.append(20);
    expect(await new OutboxRelay(pool, producer, { ...defaultRelayOptions, name: 'test' }).publishBatch()).toBe(20);

    const [plain, ...relayed] = storedBatches(events.topic).sort((a, b) => Number(a.baseOffset - b.baseOffset));
    expect(plain).toMatchObject({ baseOffset: 0n, records: 1, codec: 'none' });
    expect(relayed.reduce((sum, b) => sum + b.records, 0)).toBe(20);
    expect(relayed.map((b) => b.codec)).toEqual(relayed.map(() => 'gzip'));
  });

  it('applies an event delivered twice only once', async () => {
    const events = await lane();
    const event = thingHappened(42);
    const message = { key: event.aggregateId, value: JSON.stringify(event), headers: envelopeHeaders(event) };
    await producer.send({ topic: events.topic, messages: [message, message] });
    // Waits until this consumer group has committed past both copies: a count local to this test.
    const applied = await applyEverything(events);
    expect(applied.get(event.id)).toBe(1);
    expect(await dataSource.query('SELECT n FROM applied WHERE event_id = $1', [event.id])).toEqual([{ n: 42 }]);
    expect(await dataSource.query('SELECT count(*)::int AS n FROM inbox WHERE event_id = $1', [event.id])).toEqual([{ n: 1 }]);
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

  it('loses nothing when the broker is stopped and restarted while the relay is sending', async () => {
    const events = await lane();
    // Its own client, silent: the connection errors of the outage are expected, and counted below.
    const sending = createIdempotentProducer(new Kafka({ clientId: 'broker-restart-test', brokers: testBrokers, logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 200 } }));
    await sending.connect();
    const sends = { started: 0, acked: 0, failed: 0, ackedEvents: 0 };
    const sendBatch = sending.sendBatch.bind(sending);
    sending.sendBatch = async (batch) => {
      sends.started += 1;
      try {
        const result = await sendBatch(batch);
        sends.acked += 1;
        sends.ackedEvents += batch.topicMessages?.reduce((sum, t) => sum + t.messages.length, 0) ?? 0;
        return result;
      } catch (error) {
        sends.failed += 1;
        throw error;
      }
    };
    const relay = new OutboxRelay(pool, sending, { ...defaultRelayOptions, name: 'test', batchSize: 100, pollIntervalMs: 200 }, quiet);
    await relay.start();
    let written = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await events.append(50, written);
        written += 50;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    try {
      // The outage starts while batches are on their way: the test never blocks the relay's event loop.
      await eventually(async () => sends.ackedEvents >= 1_000, 30_000, 10);
      await broker('stop');
      const ackedBeforeRestart = sends.acked;
      await broker('start');
      // Events written during the outage and after it go out once the broker is back.
      await eventually(async () => sends.acked > ackedBeforeRestart + 5, 60_000).catch(() => {
        throw new Error(`no send acknowledged after the broker restart: ${JSON.stringify(sends)}, ${written} written`);
      });
      writing = false;
      await writer;
      await eventually(async () => (await unsent()) === 0, 90_000);
    } finally {
      writing = false;
      await writer.catch(() => undefined);
      await relay.stop();
      await sending.disconnect();
    }
    expect(sends.failed).toBeGreaterThan(0); // sends were cut by the outage, not merely paused before it
    expect(written).toBeGreaterThanOrEqual(2_000);
    const copies = await copiesOnTopic(events.topic);
    expect(copies.size).toBe(written);
    expect(idsWithCopies(copies, (n) => n < 1)).toEqual([]);
    expect(idsWithApplications(await applyEverything(events), (n) => n !== 1)).toEqual([]);
  }, 300_000);

  function inboxConsumer(group: string, events: Lane = { topic, contracts, append }) {
    return new InboxConsumer<EntityManager>(kafka, (work) => dataSource.transaction(work), new DeadLetterPublisher(producer), {
      consumer: group,
      topics: [events.topic],
      contracts: events.contracts,
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

  /** A topic of its own for one test, so what the test checks is only what it wrote. */
  async function lane(partitions = 3): Promise<Lane> {
    const own = uniqueTopic('test.events.v1');
    laneTopics.push(own, dlqTopicOf(own));
    await createTopics(kafka, [own, dlqTopicOf(own)], partitions);
    const ownContracts = testContracts(own);
    const ownWriter = new OutboxWriter(ownContracts);
    return {
      topic: own,
      contracts: ownContracts,
      append: (count, first = 0) => dataSource.transaction((tx) => ownWriter.append(tx, Array.from({ length: count }, (_, i) => thingHappened(first + i)))),
    };
  }

  function relayEnv() {
    return { DATABASE_URL: `postgres://${db.settings.user}:${db.settings.password}@${db.settings.host}:${db.settings.port}/${db.name}`, BATCH_SIZE: '100' };
  }

  async function kill(child: ChildProcess) {
    child.kill('SIGKILL');
    await waitForExit(child);
  }

  /** A fresh relay process publishes whatever is left, then stops. */
  async function drainWithRelay() {
    const relay = spawnTs(relayProcess, relayEnv());
    try {
      await eventually(async () => (await unsent()) === 0, 60_000);
    } finally {
      relay.kill('SIGTERM');
      await waitForExit(relay);
    }
  }

  /** How many copies of each outbox row are on the topic; waits until each id of the outbox has one. */
  async function copiesOnTopic(onTopic: string): Promise<Map<string, number>> {
    const ids: string[] = (await dataSource.query('SELECT id FROM outbox')).map((r: { id: string }) => r.id);
    const end = await topicEnd(kafka, onTopic);
    const size = Object.values(end).reduce((sum, offset) => sum + Number(offset), 0);
    const messages = await readUntil(kafka, onTopic, (m) => m.length >= size, 60_000);
    const copies = new Map(ids.map((id) => [id, 0]));
    for (const m of messages) if (copies.has(m.headers.event_id)) copies.set(m.headers.event_id, (copies.get(m.headers.event_id) ?? 0) + 1);
    return copies;
  }

  /** A new consumer group reads the whole topic; returns how many times each outbox id was applied. */
  async function applyEverything(events: Lane): Promise<Map<string, number>> {
    const group = `apply-${randomUUID()}`;
    const end = await topicEnd(kafka, events.topic);
    const consumer = inboxConsumer(group, events);
    await consumer.start();
    try {
      await waitForGroupAt(kafka, group, events.topic, end, 150_000);
    } finally {
      await consumer.stop();
    }
    const rows: { event_id: string; n: number }[] = await dataSource.query('SELECT event_id, count(*)::int AS n FROM applied GROUP BY event_id');
    const applied = new Map<string, number>((await dataSource.query('SELECT id FROM outbox')).map((r: { id: string }) => [r.id, 0]));
    for (const row of rows) applied.set(row.event_id, row.n);
    return applied;
  }

  function idsWithCopies(copies: Map<string, number>, wrong: (n: number) => boolean) {
    return [...copies].filter(([, n]) => wrong(n)).map(([id, n]) => `${id}×${n}`);
  }
  const idsWithApplications = idsWithCopies;

  function outputOf(child: ChildProcess): () => string {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => (seen += chunk.toString()));
    return () => seen;
  }

  async function broker(command: 'start' | 'stop') {
    await promisify(execFile)('bash', [brokerScript, command]);
  }
});
