/**
 * @exclusive stops and restarts the shared Kafka broker (broker.sh) while the relay sends: every other suite
 * loses Kafka meanwhile.
 */
import { ChildProcess } from 'node:child_process';
import { Kafka, logLevel } from 'kafkajs';
import {
  eventually,
  spawnTs,
  storedBatches,
  testBrokers,
  testSasl,
  waitForExit,
  waitForOutput,
} from '@bascule/shared/testing';
import { createIdempotentProducer, defaultRelayOptions, OutboxRelay } from '../src';
import { broker, idsWith, kill, MessagingFixture, outputOf, quiet, relayProcess } from './messaging-fixture';

/**
 * The outbox relay under faults injected while work is in flight: a relay SIGKILLed at the two points where
 * a batch could be lost or doubled, a leader killed mid-drain, the broker restarted mid-send. Each test
 * checks every id: on the topic at least once, and applied exactly once by an inbox consumer.
 */
describe('outbox relay under faults, on PostgreSQL and Kafka', () => {
  const f = new MessagingFixture();
  beforeAll(() => f.setUp());
  afterAll(() => f.tearDown());
  beforeEach(() => f.reset());

  it('loses nothing when the relay is SIGKILLed between the Kafka ack and marking rows sent', async () => {
    const events = await f.lane();
    const total = 2_000;
    for (let i = 0; i < total; i += 500) await events.append(500, i);

    const first = spawnTs(relayProcess, { ...f.relayEnv(), PAUSE_AFTER_SEND_BATCH: '3' });
    await waitForOutput(first, /paused after send/);
    await kill(first);
    const left = await f.unsent();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(total - 200);

    await f.drainWithRelay();
    const copies = await f.copiesOnTopic(events.topic);
    expect(idsWith(copies, (n) => n < 1)).toEqual([]);
    expect(idsWith(copies, (n) => n > 1).length).toBeGreaterThanOrEqual(100); // the acknowledged, unmarked batch went out again
    expect(idsWith(await f.applyEverything(events), (n) => n !== 1)).toEqual([]);
  }, 300_000);

  it('loses nothing when the relay is SIGKILLed with a batch sent and not yet acknowledged', async () => {
    const events = await f.lane();
    const total = 2_000;
    for (let i = 0; i < total; i += 500) await events.append(500, i);

    const first = spawnTs(relayProcess, { ...f.relayEnv(), STALL_UNACKED_BATCH: '3' });
    await waitForOutput(first, /batch 3 in flight, not acknowledged/);
    await kill(first);
    // The batch in flight and every later one are still to send; only acknowledged batches may be marked.
    expect(await f.unsent()).toBeGreaterThanOrEqual(total - 200);

    await f.drainWithRelay();
    const copies = await f.copiesOnTopic(events.topic);
    expect(idsWith(copies, (n) => n < 1)).toEqual([]);
    expect(idsWith(await f.applyEverything(events), (n) => n !== 1)).toEqual([]);
  }, 300_000);

  it('hands the outbox to the standby relay when the leader is SIGKILLed mid-drain', async () => {
    const events = await f.lane();
    const total = 2_000;
    for (let i = 0; i < total; i += 500) await events.append(500, i);
    const leader = spawnTs(relayProcess, { ...f.relayEnv(), STALL_UNACKED_BATCH: '3', POLL_INTERVAL_MS: '200' });
    let standby: ChildProcess | undefined;
    try {
      await waitForOutput(leader, /batch 3 in flight, not acknowledged/);
      standby = spawnTs(relayProcess, { ...f.relayEnv(), POLL_INTERVAL_MS: '200' });
      const standbyOutput = outputOf(standby);
      await waitForOutput(standby, /relay started/);
      const waiting = await f.unsent();
      await new Promise((resolve) => setTimeout(resolve, 2_000)); // ten polls of the standby while the leader holds the outbox
      expect(standbyOutput()).not.toMatch(/sent batch/);
      expect(await f.unsent()).toBe(waiting);

      await kill(leader);
      await eventually(async () => (await f.unsent()) === 0, 60_000);
      expect(standbyOutput()).toMatch(/sent batch/);
    } finally {
      await kill(leader);
      standby?.kill('SIGTERM');
      if (standby) await waitForExit(standby);
    }
    const copies = await f.copiesOnTopic(events.topic);
    expect(idsWith(copies, (n) => n < 1)).toEqual([]);
    expect(idsWith(await f.applyEverything(events), (n) => n !== 1)).toEqual([]);
  }, 300_000);

  it('loses nothing when the broker is stopped and restarted while the relay is sending', async () => {
    const events = await f.lane();
    // Its own client, silent: the connection errors of the outage are expected.
    const sending = createIdempotentProducer(
      new Kafka({
        clientId: 'broker-restart-test',
        brokers: testBrokers,
        logLevel: logLevel.NOTHING,
        retry: { retries: 10, initialRetryTime: 200 },
        ...(testSasl() ? { sasl: testSasl() } : {}),
      }),
    );
    await sending.connect();
    // `cut`: sends started before the broker was down and settled (failed, or acked after kafkajs' retries) once it was.
    const sends = { started: 0, acked: 0, failed: 0, ackedEvents: 0, cut: 0 };
    let brokerDownAt = Infinity;
    const sendBatch = sending.sendBatch.bind(sending);
    sending.sendBatch = async (batch) => {
      sends.started += 1;
      const startedAt = Date.now();
      try {
        const result = await sendBatch(batch);
        sends.acked += 1;
        sends.ackedEvents += batch.topicMessages?.reduce((sum, t) => sum + t.messages.length, 0) ?? 0;
        return result;
      } catch (error) {
        sends.failed += 1;
        throw error;
      } finally {
        if (startedAt < brokerDownAt && Date.now() > brokerDownAt) sends.cut += 1;
      }
    };
    const relay = new OutboxRelay(
      f.pool,
      sending,
      { ...defaultRelayOptions, name: 'test', batchSize: 100, pollIntervalMs: 200 },
      quiet,
    );
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
      brokerDownAt = Date.now();
      const ackedBeforeRestart = sends.acked;
      await broker('start');
      // Events written during the outage and after it go out once the broker is back.
      await eventually(async () => sends.acked > ackedBeforeRestart + 5, 60_000).catch(() => {
        throw new Error(`no send acknowledged after the broker restart: ${JSON.stringify(sends)}, ${written} written`);
      });
      writing = false;
      await writer;
      await eventually(async () => (await f.unsent()) === 0, 90_000);
    } finally {
      writing = false;
      await writer.catch(() => undefined);
      await relay.stop();
      await sending.disconnect();
    }
    expect(sends.cut).toBeGreaterThan(0); // sends were in flight when the broker died, not merely paused before it
    expect(written).toBeGreaterThanOrEqual(2_000);
    const copies = await f.copiesOnTopic(events.topic);
    expect(copies.size).toBe(written);
    expect(idsWith(copies, (n) => n < 1)).toEqual([]);
    expect(idsWith(await f.applyEverything(events), (n) => n !== 1)).toEqual([]);
  }, 300_000);

  it('purges published rows older than the retention, and never an unsent one however old', async () => {
    const events = await f.lane();
    await events.append(7);
    const ids: string[] = (await f.dataSource.query('SELECT id FROM outbox ORDER BY seq')).map(
      (r: { id: string }) => r.id,
    );
    const [sentLongAgo, sentRecently, markedInPlaceLongAgo, unsentOld] = [
      ids.slice(0, 2),
      ids.slice(2, 4),
      ids.slice(4, 5),
      ids.slice(5),
    ];
    await f.dataSource.query(`UPDATE outbox SET created_at = now() - interval '3 days'`);
    const published = (publishedIds: string[], ago: string) =>
      f.dataSource.query(
        `WITH moved AS (DELETE FROM outbox WHERE id = ANY($1)
           RETURNING seq, id, aggregatetype, aggregateid, type, version, topic, payload, headers, created_at)
         INSERT INTO outbox_sent SELECT *, now() - $2::interval FROM moved`,
        [publishedIds, ago],
      );
    await published(sentLongAgo, '2 days');
    await published(sentRecently, '1 hour');
    // As a relay before outbox_sent marked them: in place.
    await f.dataSource.query(`UPDATE outbox SET sent_at = now() - interval '2 days' WHERE id = ANY($1)`, [
      markedInPlaceLongAgo,
    ]);
    // Another session holds the leader lock, so this relay only purges: the unsent rows stay unsent.
    const lockHolder = await f.pool.connect();
    await lockHolder.query(`SELECT pg_advisory_lock(hashtext('bascule.outbox'))`);
    const relay = new OutboxRelay(
      f.pool,
      f.producer,
      { ...defaultRelayOptions, name: 'test', retentionMs: 24 * 3600_000, purgeIntervalMs: 100 },
      quiet,
    );
    await relay.start();
    try {
      await eventually(
        async () =>
          (
            await f.dataSource.query(
              'SELECT id FROM outbox_sent WHERE id = ANY($1) UNION ALL SELECT id FROM outbox WHERE id = ANY($2)',
              [sentLongAgo, markedInPlaceLongAgo],
            )
          ).length === 0,
        10_000,
      );
    } finally {
      await relay.stop();
      await lockHolder.query(`SELECT pg_advisory_unlock(hashtext('bascule.outbox'))`);
      lockHolder.release();
    }
    expect(await f.dataSource.query('SELECT id FROM outbox_sent ORDER BY seq')).toEqual(
      sentRecently.map((id) => ({ id })),
    );
    expect(await f.dataSource.query('SELECT id, sent_at IS NULL AS unsent FROM outbox ORDER BY seq')).toEqual(
      unsentOld.map((id) => ({ id, unsent: true })),
    );
  });

  it('puts a batch of 8 KiB of events or more gzip-compressed on the wire, a smaller one uncompressed', async () => {
    const events = await f.lane(1);
    await f.producer.send({
      topic: events.topic,
      messages: [{ key: 'plain', value: 'sent uncompressed, to show the reader tells codecs apart' }],
    });
    const relay = () => new OutboxRelay(f.pool, f.producer, { ...defaultRelayOptions, name: 'test' });
    await events.append(1);
    expect(await relay().publishBatch()).toBe(1);
    await events.append(200);
    expect(await relay().publishBatch()).toBe(200);

    const [plain, lone, ...relayed] = storedBatches(events.topic).sort((a, b) => Number(a.baseOffset - b.baseOffset));
    expect(plain).toMatchObject({ baseOffset: 0n, records: 1, codec: 'none' });
    expect(lone).toMatchObject({ baseOffset: 1n, records: 1, codec: 'none' });
    expect(relayed.reduce((sum, b) => sum + b.records, 0)).toBe(200);
    expect(relayed.map((b) => b.codec)).toEqual(relayed.map(() => 'gzip'));
  });
});
