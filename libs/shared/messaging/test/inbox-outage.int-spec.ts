import { Client, Pool } from 'pg';
import { register } from 'prom-client';
import { ConcurrencyError } from '@bascule/shared/ddd';
import {
  asAdmin,
  createTestDatabase,
  createTopics,
  deleteTopics,
  eventually,
  readUntil,
  TestDatabase,
  testKafka,
  uniqueTopic,
} from '@bascule/shared/testing';
import { ConsumerEngine, DeadLetterPublisher, EVENT_COMPRESSION, eventConsumer } from '../src';
import { guardPool, messagingTablesUp } from '@bascule/shared/persistence';
import { testContracts, thingHappened } from './test-contract';

const transientSoFar = async (component: string) =>
  ((await register.getSingleMetric('bascule_transient_failures_total')?.get())?.values ?? [])
    .filter((v) => v.labels.component === component)
    .reduce((n, v) => n + v.value, 0);

/**
 * An inbox consumer whose database is unavailable for ~10 s while events flow. Only the consumer's own
 * database is made unavailable (the cluster is shared): `ALLOW_CONNECTIONS false` and its backends
 * terminated, which is what a database restart or failover looks like from the consumer.
 */
describe('an inbox consumer waits out transient failures and dead-letters only poison', () => {
  const kafka = testKafka();
  const topic = uniqueTopic('inbox.outage');
  const group = `inbox-outage-${topic.split('.').pop()}`;
  const producer = kafka.producer();
  const quiet = { warn: () => undefined };
  let db: TestDatabase;
  let pool: Pool;
  let consumer: ConsumerEngine;
  const failedOnce = new Set<string>();

  const admin = (sql: string) => asAdmin((client) => client.query(sql));
  const count = async (sql: string) => {
    const client = new Client(db.settings);
    await client.connect();
    try {
      return Number((await client.query(sql)).rows[0].n);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase('inbox_outage');
    pool = guardPool(new Pool({ ...db.settings, max: 4, connectionTimeoutMillis: 1_000 }), 'test', quiet);
    for (const statement of [
      ...messagingTablesUp,
      'CREATE TABLE applied (event_id uuid PRIMARY KEY, n integer NOT NULL)',
    ])
      await pool.query(statement);
    await createTopics(kafka, [topic, `${topic}.dlq`], 3);
    await producer.connect();
    consumer = eventConsumer(pool, {
      kafka,
      deadLetters: new DeadLetterPublisher(producer),
      groupId: group,
      topics: [topic],
      contracts: testContracts(topic),
      backoff: { initialMs: 50, maxMs: 1_000 },
      logger: quiet,
      handlers: {
        'test.thing-happened': async (event, tx) => {
          const { n } = event.payload as { n: number };
          if (n < 0) throw new Error('negative numbers are refused'); // poison: fails every time
          // A lost race on every tenth event, once: what a concurrent writer or a serialization failure looks like.
          if (n % 10 === 0 && !failedOnce.has(event.id)) {
            failedOnce.add(event.id);
            throw n % 20 === 0
              ? new ConcurrencyError('thing', event.aggregateId, 1, 2)
              : Object.assign(new Error('could not serialize access due to concurrent update'), { code: '40001' });
          }
          await tx.query('INSERT INTO applied (event_id, n) VALUES ($1, $2)', [event.id, n]);
        },
      },
    });
    await consumer.start();
  });

  afterAll(async () => {
    await admin(`ALTER DATABASE "${db.name}" ALLOW_CONNECTIONS true`).catch(() => undefined);
    await consumer?.stop();
    await producer.disconnect();
    await pool?.end();
    await db?.drop();
    await deleteTopics(kafka, [topic, `${topic}.dlq`]);
  });

  it('applies every event exactly once after a 10 s outage, and sends only the poison event to the DLQ', async () => {
    const transientBefore = await transientSoFar(group);
    const events = Array.from({ length: 240 }, (_, i) => thingHappened(i + 1));
    const poison = thingHappened(-1);
    const send = (event: ReturnType<typeof thingHappened>) =>
      producer.send({
        topic,
        compression: EVENT_COMPRESSION,
        messages: [
          {
            key: event.aggregateId,
            value: JSON.stringify(event),
            headers: { event_id: event.id, event_type: event.type },
          },
        ],
      });

    // 240 events at ~16/s (15 s), the poison one in the middle, and the outage from 2 s to 12 s.
    const flowing = (async () => {
      for (const [i, event] of events.entries()) {
        await send(event);
        if (i === 120) await send(poison);
        await new Promise((r) => setTimeout(r, 60));
      }
    })();
    await new Promise((r) => setTimeout(r, 2_000));
    await admin(`ALTER DATABASE "${db.name}" ALLOW_CONNECTIONS false`);
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${db.name}'`);
    await new Promise((r) => setTimeout(r, 10_000));
    await admin(`ALTER DATABASE "${db.name}" ALLOW_CONNECTIONS true`);
    await flowing;

    await eventually(async () => (await count('SELECT count(*) AS n FROM applied')) === events.length, 90_000, 250);
    const client = new Client(db.settings);
    await client.connect();
    const applied = (await client.query('SELECT event_id::text AS id FROM applied')).rows.map((r) => r.id).sort();
    const inbox = (await client.query('SELECT event_id::text AS id FROM inbox WHERE consumer = $1', [group])).rows
      .map((r) => r.id)
      .sort();
    await client.end();
    expect(applied).toEqual(events.map((e) => e.id).sort());
    expect(inbox).toEqual(events.map((e) => e.id).sort());

    const dead = await readUntil(kafka, `${topic}.dlq`, (m) => m.length >= 1, 30_000);
    await new Promise((r) => setTimeout(r, 1_000));
    const allDead = await readUntil(kafka, `${topic}.dlq`, (m) => m.length >= dead.length, 30_000);
    expect(
      allDead.map((m) => ({ id: m.headers.event_id, reason: m.headers.dlq_reason, attempts: m.headers.dlq_attempts })),
    ).toEqual([{ id: poison.id, reason: 'handler-failed', attempts: '3' }]);
    expect(await transientSoFar(group)).toBeGreaterThan(transientBefore + 24); // the outage, plus the 24 lost races
  }, 180_000);
});
