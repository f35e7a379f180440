import { Client, Pool } from 'pg';
import {
  createTestDatabase,
  createTopics,
  deleteTopics,
  eventually,
  TestDatabase,
  testKafka,
  uniqueTopic,
} from '@bascule/shared/testing';
import { messagingTablesUp } from '@bascule/shared/persistence';
import { ConsumerEngine, DeadLetterPublisher, EVENT_COMPRESSION, eventConsumer } from '../src';
import { testContracts, thingHappened } from './test-contract';

/**
 * Two partitions' batches, applied side by side, lock the same two rows in opposite orders: PostgreSQL ends one
 * with a deadlock. Redone as a batch, such batches deadlock again for as long as they race (seen under load: a
 * participant stalled for a minute, every saga it served timed out); the engine redoes the loser one message per
 * transaction, each locking its own row only.
 */
describe('a batch that deadlocks with another partition’s is redone message by message', () => {
  const kafka = testKafka();
  const topic = uniqueTopic('batch.deadlock');
  const group = `batch-deadlock-${topic.split('.').pop()}`;
  const producer = kafka.producer();
  const quiet = { warn: () => undefined };
  let db: TestDatabase;
  let pool: Pool;
  let consumer: ConsumerEngine;

  /** The first handler calls wait (5 s at most) until both batches hold their first row: then each takes the other's. */
  let holding = 0;
  let bothHolding: () => void = () => undefined;
  const bothHold = new Promise<void>((resolve) => (bothHolding = resolve));

  beforeAll(async () => {
    db = await createTestDatabase('batch_deadlock');
    pool = new Pool({ ...db.settings, max: 4 });
    for (const statement of [
      ...messagingTablesUp,
      'CREATE TABLE items (id integer PRIMARY KEY, hits integer NOT NULL)',
      'INSERT INTO items VALUES (1, 0), (2, 0)',
      'CREATE TABLE applied (event_id uuid PRIMARY KEY, item integer NOT NULL, tx bigint NOT NULL)',
    ])
      await pool.query(statement);
    await createTopics(kafka, [topic, `${topic}.dlq`], 2);
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
          const item = (event.payload as { n: number }).n;
          await tx.query('UPDATE items SET hits = hits + 1 WHERE id = $1', [item]);
          await tx.query('INSERT INTO applied (event_id, item, tx) VALUES ($1, $2, txid_current())', [event.id, item]);
          if (holding < 2) {
            if (++holding === 2) bothHolding();
            await Promise.race([bothHold, new Promise((resolve) => setTimeout(resolve, 5_000))]);
          }
        },
      },
    });
  });

  afterAll(async () => {
    await consumer?.stop();
    await producer.disconnect();
    await pool?.end();
    await db?.drop();
    await deleteTopics(kafka, [topic, `${topic}.dlq`]);
  });

  it('applies all four events once: the winner’s batch in one transaction, the loser’s in one per event', async () => {
    const batches = [
      [thingHappened(1), thingHappened(2)],
      [thingHappened(2), thingHappened(1)],
    ];
    // Both partitions written before the consumer starts, so that one fetch hands both batches over at once.
    for (const [partition, events] of batches.entries())
      await producer.send({
        topic,
        compression: EVENT_COMPRESSION,
        messages: events.map((event) => ({
          partition,
          key: event.aggregateId,
          value: JSON.stringify(event),
          headers: { event_id: event.id, event_type: event.type },
        })),
      });
    await consumer.start();

    const client = new Client(db.settings);
    await client.connect();
    try {
      const applied = async () =>
        (await client.query<{ event_id: string; tx: string }>('SELECT event_id, tx::text FROM applied')).rows;
      await eventually(async () => (await applied()).length === 4, 60_000, 100);
      const txOf = new Map((await applied()).map((row) => [row.event_id, row.tx]));
      const transactionsOf = (events: { id: string }[]) => new Set(events.map((event) => txOf.get(event.id))).size;
      expect(batches.map(transactionsOf).sort()).toEqual([1, 2]);
      const hits = await client.query('SELECT id, hits FROM items ORDER BY id');
      expect(hits.rows).toEqual([
        { id: 1, hits: 2 },
        { id: 2, hits: 2 },
      ]);
      const inbox = await client.query('SELECT count(*)::int AS n FROM inbox WHERE consumer = $1', [group]);
      expect(inbox.rows).toEqual([{ n: 4 }]);
    } finally {
      await client.end();
    }
  });
});
