import { Producer, ProducerBatch } from 'kafkajs';
import { Pool, PoolClient } from 'pg';
import { eventually } from '@bascule/shared/testing';
import { defaultRelayOptions, OutboxRelay } from '../src';
import { idsWith, MessagingFixture, quiet } from './messaging-fixture';

/** The producer a relay sends through, recording the event ids it handed to Kafka; the first send can be held. */
function recordingProducer(producer: Producer, holdFirstSend?: Promise<void>) {
  const sent: string[][] = [];
  let reachedFirst!: () => void;
  const firstSendReached = new Promise<void>((resolve) => (reachedFirst = resolve));
  const recording = {
    sendBatch: async (batch: ProducerBatch) => {
      if (sent.length === 0 && holdFirstSend) {
        reachedFirst();
        await holdFirstSend;
      }
      sent.push((batch.topicMessages ?? []).flatMap((t) => t.messages.map((m) => String(m.headers?.event_id ?? ''))));
      return producer.sendBatch(batch);
    },
  } as unknown as Producer;
  return { producer: recording, sent, firstSendReached };
}

/** Counts the mark-and-fetch reads a pool's connections answered. */
function countReads(pool: Pool): () => number {
  let answered = 0;
  pool.on('connect', (client: PoolClient) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: unknown }).query = (...args: unknown[]) => {
      const result = query(...args);
      if ((args[0] as { name?: string })?.name === 'outbox-mark-and-fetch' && result instanceof Promise)
        result.then(
          () => (answered += 1),
          () => undefined,
        );
      return result;
    };
  });
  return () => answered;
}

const LOCK_HOLDERS = `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;

/**
 * Fencing of the outbox relay (ADR 0035): the leader's session is terminated (pg_terminate_backend) while its
 * first batch is on its way to Kafka and the next one was already read ahead. The standby takes the lead and
 * publishes what is unmarked. Guaranteed: every event is published; the old leader sends nothing it read before
 * losing its session except the batch already in flight, so only that batch can be on the topic twice.
 */
describe('outbox relay fencing, on PostgreSQL and Kafka', () => {
  const f = new MessagingFixture();
  const pools: Pool[] = [];
  beforeAll(() => f.setUp());
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await f.tearDown();
  });

  it('a leader that lost its lock’s session publishes no batch it read before; the standby publishes the rest', async () => {
    const events = await f.lane();
    await events.append(500);
    const options = { ...defaultRelayOptions, batchSize: 100, pollIntervalMs: 200 };
    const pool = () => {
      const made = new Pool({ ...f.db.settings, max: 3 });
      made.on('error', () => undefined);
      pools.push(made);
      return made;
    };
    let releaseFirstSend!: () => void;
    const held = new Promise<void>((resolve) => (releaseFirstSend = resolve));
    const leaderPool = pool();
    const readsByLeader = countReads(leaderPool);
    const leader = recordingProducer(f.producer, held);
    const standby = recordingProducer(f.producer);
    const first = new OutboxRelay(leaderPool, leader.producer, { ...options, name: 'fenced-leader' }, quiet);
    const second = new OutboxRelay(pool(), standby.producer, { ...options, name: 'fenced-standby' }, quiet);
    await first.start();
    try {
      await leader.firstSendReached;
      await second.start();
      // The batch after the one held was read ahead (the held batch is full) on the lock's session.
      await eventually(async () => readsByLeader() >= 2, 30_000);
      const [{ pid }] = await f.dataSource.query(LOCK_HOLDERS);
      await f.dataSource.query('SELECT pg_terminate_backend($1)', [pid]);
      // The standby takes the lock before the old leader's send returns: otherwise the old leader, once it
      // noticed the loss, could take the lock again on a new session and rightly publish the rest itself.
      await eventually(
        async () => (await f.dataSource.query(LOCK_HOLDERS)).some((row: { pid: number }) => row.pid !== pid),
        30_000,
      );
      releaseFirstSend();
      await eventually(async () => (await f.unsent()) === 0, 60_000);
    } finally {
      releaseFirstSend();
      await Promise.all([first.stop(), second.stop()]);
    }

    const [inFlight, ...afterLoss] = leader.sent;
    expect(inFlight).toHaveLength(100);
    expect(afterLoss).toEqual([]); // the batch read ahead was dropped, not sent
    const copies = await f.copiesOnTopic(events.topic);
    expect(copies.size).toBe(500);
    expect(idsWith(copies, (n) => n < 1)).toEqual([]);
    const twice = idsWith(copies, (n) => n > 1).map((entry) => entry.split('×')[0]);
    expect(twice.filter((id) => !inFlight.includes(id))).toEqual([]);
    // Everything else went out once, from the standby.
    const byStandby = new Map<string, number>();
    for (const id of standby.sent.flat()) byStandby.set(id, (byStandby.get(id) ?? 0) + 1);
    expect([...copies.keys()].filter((id) => !inFlight.includes(id) && byStandby.get(id) !== 1)).toEqual([]);
  }, 300_000);
});
