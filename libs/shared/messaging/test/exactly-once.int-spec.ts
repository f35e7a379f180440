import { ChildProcess } from 'node:child_process';
import { Admin, Kafka, Producer } from 'kafkajs';
import { Pool } from 'pg';
import {
  createTestDatabase,
  createTopics,
  deleteTopics,
  eventually,
  readUntil,
  spawnTs,
  TestDatabase,
  testKafka,
  topicEnd,
  uniqueTopic,
  waitForExit,
  waitForGroupAt,
  waitForOutput,
} from '@bascule/shared/testing';
import { messagingTablesUp } from '@bascule/shared/persistence';
import { EventEnvelope } from '@bascule/shared/contracts';
import { createIdempotentProducer, dlqTopicOf, EVENT_COMPRESSION } from '../src';
import { thingHappened } from './test-contract';

const consumerProcess = 'libs/shared/messaging/test/consumer-process.ts';
const NEVER_BEFORE_THE_KILL = String(10 * 60_000);

/**
 * The consumer engine's exactly-once effects, on real Kafka and PostgreSQL, the consumer in a child process:
 * each effect (an `effects` row, and the outbox row of the event it causes) is counted per event id.
 */
describe('event consumer: exactly-once effects', () => {
  const kafka: Kafka = testKafka();
  let producer: Producer;
  let db: TestDatabase;
  let pool: Pool;
  const topics: string[] = [];
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('exactly_once');
    pool = new Pool({ ...db.settings, max: 2 });
    for (const statement of [...messagingTablesUp, 'CREATE TABLE effects (event_id uuid NOT NULL, n integer)'])
      await pool.query(statement);
    producer = createIdempotentProducer(kafka);
    await producer.connect();
  });

  afterAll(async () => {
    children.forEach((child) => child.kill('SIGKILL'));
    await producer?.disconnect();
    await pool?.end();
    await deleteTopics(kafka, topics);
    await db?.drop();
  });

  async function newTopic(): Promise<string> {
    const topic = uniqueTopic('exactly.once');
    topics.push(topic, dlqTopicOf(topic));
    await createTopics(kafka, [topic, dlqTopicOf(topic)], 3);
    return topic;
  }

  async function produce(topic: string, events: EventEnvelope[]): Promise<void> {
    for (let i = 0; i < events.length; i += 1_000)
      await producer.send({
        topic,
        acks: -1,
        compression: EVENT_COMPRESSION,
        messages: events.slice(i, i + 1_000).map((event) => ({
          key: event.aggregateId,
          value: JSON.stringify(event),
          headers: { event_id: event.id, event_type: event.type },
        })),
      });
  }

  async function startConsumer(topic: string, group: string, env: Record<string, string> = {}): Promise<ChildProcess> {
    const { user, password, host, port } = db.settings;
    const child = spawnTs(consumerProcess, {
      DATABASE_URL: `postgres://${user}:${password}@${host}:${port}/${db.name}`,
      TOPIC: topic,
      GROUP: group,
      ...env,
    });
    children.push(child);
    await waitForOutput(child, /consumer ready/);
    return child;
  }

  async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
    child.kill(signal);
    await waitForExit(child);
  }

  async function withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect();
    }
  }

  const committedOffsets = (groupId: string, topic: string) =>
    withAdmin(async (admin) =>
      (await admin.fetchOffsets({ groupId, topics: [topic] }))[0].partitions.map((p) => p.offset),
    );

  const count = async (sql: string, parameters: unknown[] = []) =>
    Number((await pool.query<{ n: string }>(sql, parameters)).rows[0].n);

  /** How many effects, and caused events, each event id has (every one of `events` must have exactly one). */
  async function effectsPerEvent(): Promise<{ effects: Map<string, number>; caused: Map<string, number> }> {
    const effects = await pool.query<{ id: string; n: string }>(
      'SELECT event_id AS id, count(*) AS n FROM effects GROUP BY event_id',
    );
    const caused = await pool.query<{ id: string; n: string }>(
      `SELECT payload->>'causationId' AS id, count(*) AS n FROM outbox GROUP BY 1`,
    );
    const byId = (rows: { id: string; n: string }[]) => new Map(rows.map((r) => [r.id, Number(r.n)]));
    return { effects: byId(effects.rows), caused: byId(caused.rows) };
  }

  function expectExactlyOnce(found: Map<string, number>, events: EventEnvelope[]): void {
    const wrong = events.filter((event) => found.get(event.id) !== 1).map((e) => [e.id, found.get(e.id) ?? 0]);
    expect(wrong).toEqual([]);
    expect(found.size).toBe(events.length);
  }

  describe('one topic, killed and replayed', () => {
    let topic: string;
    const group = `exactly-once-${Date.now()}`;
    const events = Array.from({ length: 2_000 }, (_, i) => thingHappened(i));

    beforeAll(async () => {
      topic = await newTopic();
      await produce(topic, events);
    });

    it('SIGKILLed between its effects commit and their offsets commit, applies nothing twice when restarted', async () => {
      const first = await startConsumer(topic, group, { OFFSET_COMMIT_INTERVAL_MS: NEVER_BEFORE_THE_KILL });
      await eventually(async () => (await count('SELECT count(*) AS n FROM effects')) >= events.length / 2, 120_000);
      await stop(first, 'SIGKILL');
      const appliedBeforeTheKill = await count('SELECT count(*) AS n FROM effects');
      // Every effect committed so far lies between its commit and its offset's: none of the offsets is committed.
      expect((await committedOffsets(group, topic)).every((offset) => offset === '-1')).toBe(true);
      expect(appliedBeforeTheKill).toBeGreaterThan(0);

      const second = await startConsumer(topic, group);
      await waitForGroupAt(kafka, group, topic, await topicEnd(kafka, topic), 120_000);
      await stop(second, 'SIGTERM');

      const { effects, caused } = await effectsPerEvent();
      expectExactlyOnce(effects, events);
      expectExactlyOnce(caused, events);
      expect(await count('SELECT count(*) AS n FROM inbox')).toBe(events.length);
    }, 300_000);

    it('replayed from the start of the topic (offsets reset), applies nothing twice', async () => {
      await withAdmin(async (admin) => {
        const start = (await admin.fetchTopicOffsets(topic)).map(({ partition, low }) => ({ partition, offset: low }));
        await admin.setOffsets({ groupId: group, topic, partitions: start });
      });
      expect(await committedOffsets(group, topic)).toEqual(['0', '0', '0']);

      const replay = await startConsumer(topic, group);
      await waitForGroupAt(kafka, group, topic, await topicEnd(kafka, topic), 120_000);
      await stop(replay, 'SIGTERM');

      const { effects, caused } = await effectsPerEvent();
      expectExactlyOnce(effects, events);
      expectExactlyOnce(caused, events);
    }, 300_000);
  });

  it('sets 1 poison record among 10,000 aside with its reason: 9,999 effects, 1 dead letter', async () => {
    await pool.query('TRUNCATE effects, inbox, outbox');
    const topic = await newTopic();
    const group = `poison-${Date.now()}`;
    const events: EventEnvelope[] = Array.from({ length: 10_000 }, (_, i) => thingHappened(i));
    const poison = { ...events[4_321], payload: { n: 'not a number' } } as unknown as EventEnvelope;
    events[4_321] = poison;
    await produce(topic, events);

    const consumer = await startConsumer(topic, group);
    await waitForGroupAt(kafka, group, topic, await topicEnd(kafka, topic), 240_000);
    await stop(consumer, 'SIGTERM');

    const { effects, caused } = await effectsPerEvent();
    const good = events.filter((event) => event !== poison);
    expectExactlyOnce(effects, good);
    expectExactlyOnce(caused, good);
    const dlq = dlqTopicOf(topic);
    const [letter] = await readUntil(kafka, dlq, (read) => read.length >= 1);
    const letters = Object.values(await topicEnd(kafka, dlq)).reduce((sum, end) => sum + Number(end), 0);
    expect(letters).toBe(1);
    expect(letter.headers).toMatchObject({ event_id: poison.id, dlq_reason: 'invalid-payload', dlq_consumer: group });
    expect(letter.headers.dlq_error).toMatch(/\/n must be integer/);
    expect(await count('SELECT count(*) AS n FROM inbox WHERE event_id = $1', [poison.id])).toBe(0);
  }, 300_000);
});
