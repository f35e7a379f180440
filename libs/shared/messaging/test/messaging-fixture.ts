import { ChildProcess, execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
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
} from '@bascule/shared/testing';
import { ConsumerEngine, createIdempotentProducer, DeadLetterPublisher, dlqTopicOf, eventConsumer } from '../src';
import { messagingTablesUp, OutboxWriter } from '@bascule/shared/persistence';
import { testContracts, thingHappened } from './test-contract';

export const relayProcess = 'libs/shared/messaging/test/relay-process.ts';
export const quiet = { warn: () => undefined };
const brokerScript = resolve(__dirname, '../../../../tools/infra/kafka/broker.sh');

/** A topic of its own for one test, so what the test checks is only what it wrote. */
export interface Lane {
  topic: string;
  contracts: ReturnType<typeof testContracts>;
  append(count: number, first?: number): Promise<unknown>;
}

/**
 * A suite's database (outbox, inbox and an `applied` table the test handler writes) and Kafka client, with
 * what fault tests check: every outbox id on the topic, and how many times each was applied by a consumer.
 */
export class MessagingFixture {
  db!: TestDatabase;
  dataSource!: DataSource;
  pool!: Pool;
  readonly kafka: Kafka = testKafka();
  producer!: Producer;
  private readonly topics: string[] = [];

  async setUp(): Promise<void> {
    this.db = await createTestDatabase('messaging');
    this.dataSource = await new DataSource({
      type: 'postgres',
      ...this.db.settings,
      username: this.db.settings.user,
      poolSize: 10,
    }).initialize();
    for (const statement of [...messagingTablesUp, 'CREATE TABLE applied (event_id uuid, n integer)'])
      await this.dataSource.query(statement);
    this.pool = new Pool({ ...this.db.settings, max: 5 });
    this.producer = createIdempotentProducer(this.kafka);
    await this.producer.connect();
  }

  async tearDown(): Promise<void> {
    await this.producer?.disconnect();
    await this.pool?.end();
    await this.dataSource?.destroy();
    await deleteTopics(this.kafka, this.topics);
    await this.db?.drop();
  }

  reset(): Promise<unknown> {
    return this.dataSource.query('TRUNCATE outbox, outbox_sent, inbox, applied');
  }

  async unsent(): Promise<number> {
    return Number((await this.dataSource.query('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL'))[0].n);
  }

  async lane(partitions = 3): Promise<Lane> {
    const topic = uniqueTopic('test.events.v1');
    this.topics.push(topic, dlqTopicOf(topic));
    await createTopics(this.kafka, [topic, dlqTopicOf(topic)], partitions);
    const contracts = testContracts(topic);
    const writer = new OutboxWriter(contracts);
    return {
      topic,
      contracts,
      append: (count, first = 0) =>
        this.dataSource.transaction((tx) =>
          writer.append(
            tx,
            Array.from({ length: count }, (_, i) => thingHappened(first + i)),
          ),
        ),
    };
  }

  inboxConsumer(group: string, lane: Pick<Lane, 'topic' | 'contracts'>): ConsumerEngine {
    return eventConsumer(this.pool, {
      kafka: this.kafka,
      deadLetters: new DeadLetterPublisher(this.producer),
      groupId: group,
      topics: [lane.topic],
      contracts: lane.contracts,
      backoff: { initialMs: 10, maxMs: 10_000 },
      handlers: {
        'test.thing-happened': async (event, tx) => {
          const { n } = event.payload as { n: number };
          if (n < 0) throw new Error('negative numbers are refused');
          await tx.query('INSERT INTO applied (event_id, n) VALUES ($1, $2)', [event.id, n]);
        },
      },
      logger: quiet,
    });
  }

  relayEnv(): Record<string, string> {
    const { user, password, host, port } = this.db.settings;
    return { DATABASE_URL: `postgres://${user}:${password}@${host}:${port}/${this.db.name}`, BATCH_SIZE: '100' };
  }

  /** Every event id written to the outbox, unsent or published (the relay moves published rows to `outbox_sent`). */
  async writtenIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM outbox UNION ALL SELECT id FROM outbox_sent',
    );
    return rows.map((r) => r.id);
  }

  /** A fresh relay process publishes whatever is left, then stops. */
  async drainWithRelay(): Promise<void> {
    const relay = spawnTs(relayProcess, this.relayEnv());
    try {
      await eventually(async () => (await this.unsent()) === 0, 60_000);
    } finally {
      relay.kill('SIGTERM');
      await waitForExit(relay);
    }
  }

  /** How many copies of each outbox row are on the topic, read up to its current end. */
  async copiesOnTopic(topic: string): Promise<Map<string, number>> {
    const copies = new Map<string, number>((await this.writtenIds()).map((id) => [id, 0]));
    const size = Object.values(await topicEnd(this.kafka, topic)).reduce((sum, offset) => sum + Number(offset), 0);
    for (const m of await readUntil(this.kafka, topic, (read) => read.length >= size, 60_000)) {
      if (copies.has(m.headers.event_id)) copies.set(m.headers.event_id, (copies.get(m.headers.event_id) ?? 0) + 1);
    }
    return copies;
  }

  /** A new consumer group reads the whole topic (up to its end now); returns how many times each outbox id was applied. */
  async applyEverything(lane: Lane): Promise<Map<string, number>> {
    const group = `apply-${randomUUID()}`;
    const end = await topicEnd(this.kafka, lane.topic);
    const consumer = this.inboxConsumer(group, lane);
    await consumer.start();
    try {
      await waitForGroupAt(this.kafka, group, lane.topic, end, 150_000);
    } finally {
      await consumer.stop();
    }
    const applied = new Map<string, number>((await this.writtenIds()).map((id) => [id, 0]));
    for (const row of await this.dataSource.query('SELECT event_id, count(*)::int AS n FROM applied GROUP BY event_id'))
      applied.set(row.event_id, row.n);
    return applied;
  }
}

/** The ids whose count is wrong, with the count (`id×0` lost, `id×2` twice), so a failure lists them. */
export function idsWith(counts: Map<string, number>, wrong: (n: number) => boolean): string[] {
  return [...counts].filter(([, n]) => wrong(n)).map(([id, n]) => `${id}×${n}`);
}

export async function kill(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  await waitForExit(child);
}

export function outputOf(child: ChildProcess): () => string {
  let seen = '';
  child.stdout?.on('data', (chunk: Buffer) => (seen += chunk.toString()));
  return () => seen;
}

/** Stops or starts the shared local broker without blocking the event loop of the code under test. */
export async function broker(command: 'start' | 'stop'): Promise<void> {
  await promisify(execFile)('bash', [brokerScript, command]);
}
