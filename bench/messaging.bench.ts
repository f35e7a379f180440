import { Kafka, Message, Producer, ProducerBatch } from 'kafkajs';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { clientDatabaseOptions } from '@bascule/client/infrastructure';
import {
  createIdempotentProducer,
  defaultRelayOptions,
  EVENT_COMPRESSION,
  OutboxRelay,
} from '@bascule/shared/messaging';
import { OutboxWriter } from '@bascule/shared/persistence';
import { EventEnvelope, envelopeHeaders, Headers } from '@bascule/shared/contracts';
import {
  createTestDatabase,
  createTopics,
  deleteTopics,
  serviceRole,
  testKafka,
  uniqueTopic,
} from '@bascule/shared/testing';
import { testContracts, thingHappened } from '../libs/shared/messaging/test/test-contract';
import { percentiles, progress, Row } from './bench-kit';

const BATCH = 500;

/** (2) outbox relay vs raw kafkajs producing the same payloads; the consumer side is bench/consumer.bench.ts. */
export async function benchMessaging(events: number): Promise<Row[]> {
  const kafka = testKafka('bench');
  const db = await createTestDatabase('bench_messaging', serviceRole('CLIENT'));
  const dataSource = await new DataSource({
    ...clientDatabaseOptions({ ...process.env, CLIENT_DATABASE: db.name }),
    poolSize: 10,
  }).initialize();
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
    for (let i = 0; i < events; i += BATCH)
      await dataSource.transaction((tx) => writer.append(tx, envelopes.slice(i, i + BATCH)));

    progress(`relay: publishing ${events} events`);
    const relay = new OutboxRelay(pool, producer, { ...defaultRelayOptions, name: 'bench', batchSize: BATCH });
    let started = Date.now();
    while ((await relay.publishBatch()) > 0);
    const relayRate = events / ((Date.now() - started) / 1000);

    progress(`raw kafkajs: producing the same ${events} payloads`);
    started = Date.now();
    for (let i = 0; i < events; i += BATCH) {
      const messages: Message[] = envelopes
        .slice(i, i + BATCH)
        .map((e) => ({ key: e.aggregateId, value: JSON.stringify(e), headers: envelopeHeaders(e) }));
      await producer.sendBatch({
        topicMessages: [{ topic: rawTopic, messages }],
        acks: -1,
        compression: EVENT_COMPRESSION,
      });
    }
    const rawRate = events / ((Date.now() - started) / 1000);

    const latency = await commitToAck(dataSource, pool, producer, kafka, Math.min(events, 2_000));

    return [
      {
        scenario: 'outbox relay → Kafka',
        measure: 'events/s',
        bascule: relayRate,
        baseline: rawRate,
        higherIsBetter: true,
      },
      {
        scenario: `commit→ack at ${LATENCY_RATE} events/s offered`,
        measure: 'commits/s measured',
        bascule: latency.relay.rate,
        baseline: latency.direct.rate,
        higherIsBetter: 'none',
      },
      {
        scenario: `commit→ack at ${LATENCY_RATE} events/s offered`,
        measure: 'p50 ms',
        bascule: latency.relay.p50,
        baseline: latency.direct.p50,
        higherIsBetter: false,
      },
      {
        scenario: `commit→ack at ${LATENCY_RATE} events/s offered`,
        measure: 'p99 ms',
        bascule: latency.relay.p99,
        baseline: latency.direct.p99,
        higherIsBetter: false,
      },
    ];
  } finally {
    await producer.disconnect();
    await pool.end();
    await dataSource.destroy();
    await deleteTopics(kafka, [relayTopic, rawTopic, `${relayTopic}.dlq`]);
    await db.drop();
  }
}

const LATENCY_RATE = 500;

/**
 * Commit → ack, both sides alike: each event is written to the outbox in its own transaction, at a fixed
 * arrival rate, and timed on this process's clock from the moment its COMMIT returns to the moment the
 * broker's ack for it returns. Relay side: the running relay publishes the row (its producer reports each
 * acked batch). Raw side: the same transaction, then the same message handed to a plain kafkajs producer
 * right after the commit, batched as the relay batches (whatever committed while the previous batch was on
 * its way goes in the next `sendBatch`; one request at a time, as the idempotent producer allows).
 */
async function commitToAck(ds: DataSource, pool: Pool, producer: Producer, kafka: Kafka, count: number) {
  const [relayTopic, rawTopic] = [uniqueTopic('bench.latency.relay'), uniqueTopic('bench.latency.raw')];
  await createTopics(kafka, [relayTopic, rawTopic], 6);
  // Both sides write the same outbox row; on the raw side no relay runs, the bench sends it itself.
  const writer = new OutboxWriter(testContracts(relayTopic));
  const commit = (event: EventEnvelope) => ds.transaction((tx) => writer.append(tx, [event]));
  try {
    await ds.query('TRUNCATE outbox, outbox_sent');
    const acks = new AckClock();
    const relay = new OutboxRelay(pool, acks.observe(producer), {
      ...defaultRelayOptions,
      name: 'bench-latency',
      batchSize: BATCH,
    });
    await relay.start();
    progress(`commit→ack through the relay: ${count} events committed at ${LATENCY_RATE}/s offered`);
    const viaRelay = await atFixedRate(count, LATENCY_RATE, async (i) => {
      const event = thingHappened(i);
      await commit(event);
      const committedAt = performance.now();
      return { committedAt, ackedAt: await acks.of(event.id) };
    }).finally(() => relay.stop()); // a failed run must not leave the relay holding its connection
    progress(`commit→ack sent directly after the commit: ${count} events committed at ${LATENCY_RATE}/s offered`);
    const sender = new DirectSender(producer, rawTopic);
    const direct = await atFixedRate(count, LATENCY_RATE, async (i) => {
      const event = thingHappened(i);
      await commit(event);
      const committedAt = performance.now();
      return { committedAt, ackedAt: await sender.send(event) };
    });
    progress(`commits/s measured: relay side ${viaRelay.rate.toFixed(0)}, direct side ${direct.rate.toFixed(0)}`);
    return { relay: viaRelay, direct };
  } finally {
    await deleteTopics(kafka, [relayTopic, rawTopic]);
  }
}

/** The direct producer of the commit→ack baseline: no database between the commit and the send. */
class DirectSender {
  private queue: { message: Message; acked: (at: number) => void; failed: (error: unknown) => void }[] = [];
  private sending = false;

  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
  ) {}

  send(event: EventEnvelope): Promise<number> {
    return new Promise((acked, failed) => {
      this.queue.push({
        message: { key: event.aggregateId, value: JSON.stringify(event), headers: envelopeHeaders(event) },
        acked,
        failed,
      });
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, BATCH);
      try {
        await this.producer.sendBatch({
          topicMessages: [{ topic: this.topic, messages: batch.map((b) => b.message) }],
          acks: -1,
          compression: EVENT_COMPRESSION,
        });
        const at = performance.now();
        batch.forEach((b) => b.acked(at));
      } catch (error) {
        batch.forEach((b) => b.failed(error));
      }
    }
    this.sending = false;
  }
}

/** Starts `one(i)` at `rate` per second and returns the latencies and the commit rate measured. */
async function atFixedRate(
  count: number,
  rate: number,
  one: (i: number) => Promise<{ committedAt: number; ackedAt: number }>,
) {
  const started = performance.now();
  const runs: Promise<{ committedAt: number; ackedAt: number }>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / rate;
    if (due > performance.now()) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
    runs.push(one(i));
  }
  const timings = await Promise.all(runs);
  const lastCommit = Math.max(...timings.map((t) => t.committedAt));
  return {
    rate: count / ((lastCommit - started) / 1000),
    ...percentiles(timings.map((t) => t.ackedAt - t.committedAt)),
  };
}

/** Wraps a producer so that each event id's ack time (when `sendBatch` returns) is known, on this process's clock. */
class AckClock {
  private readonly acked = new Map<string, number>();
  private readonly waiting = new Map<string, (at: number) => void>();

  observe(producer: Producer): Producer {
    return new Proxy(producer, {
      get: (target, property) => {
        if (property !== 'sendBatch') {
          const value = Reflect.get(target, property);
          return typeof value === 'function' ? value.bind(target) : value;
        }
        return async (batch: ProducerBatch) => {
          const result = await target.sendBatch(batch);
          const at = performance.now();
          for (const { messages } of batch.topicMessages ?? [])
            for (const message of messages) this.ack(String(message.headers?.[Headers.eventId]), at);
          return result;
        };
      },
    });
  }

  of(eventId: string, timeoutMs = 120_000): Promise<number> {
    const at = this.acked.get(eventId);
    if (at !== undefined) return Promise.resolve(at);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`relay: no ack for event ${eventId} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiting.set(eventId, (acked) => {
        clearTimeout(timer);
        resolve(acked);
      });
    });
  }

  private ack(eventId: string, at: number): void {
    const waiter = this.waiting.get(eventId);
    if (waiter) {
      this.waiting.delete(eventId);
      waiter(at);
    } else this.acked.set(eventId, at);
  }
}
