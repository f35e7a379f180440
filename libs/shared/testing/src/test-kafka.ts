import { randomBytes } from 'node:crypto';
import { Admin, Kafka, KafkaMessage, logLevel, SASLOptions } from 'kafkajs';

export const testBrokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

/**
 * The tests' login: `KAFKA_SASL_USERNAME`/`KAFKA_SASL_PASSWORD`, which tools/infra/local-secrets.js sets to the admin
 * principal (ADR 0032) unless the environment names another; none on a broker without SASL.
 */
export const testSasl = (): SASLOptions | undefined =>
  process.env.KAFKA_SASL_USERNAME && process.env.KAFKA_SASL_PASSWORD
    ? {
        mechanism: (process.env.KAFKA_SASL_MECHANISM ?? 'scram-sha-512').toLowerCase() as 'scram-sha-512',
        username: process.env.KAFKA_SASL_USERNAME,
        password: process.env.KAFKA_SASL_PASSWORD,
      }
    : undefined;

/** A client logged in as the tests' principal, or as `sasl` (`null`: anonymous, no SASL at all). */
export function testKafka(clientId = 'bascule-test', sasl: SASLOptions | null = testSasl() ?? null): Kafka {
  return new Kafka({
    clientId,
    brokers: testBrokers,
    logLevel: logLevel.ERROR,
    retry: { retries: 10, initialRetryTime: 200 },
    ...(sasl ? { sasl } : {}),
  });
}

/** A suite-unique topic name, so suites never read each other's messages. */
export function uniqueTopic(base: string): string {
  return `${base}.${randomBytes(4).toString('hex')}`;
}

/** Creates the topics that do not exist yet (existing ones are left as they are). */
export async function createTopics(kafka: Kafka, topics: string[], numPartitions = 3): Promise<void> {
  await withAdmin(kafka, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length)
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: 1 })),
      });
  });
}

export async function deleteTopics(kafka: Kafka, topics: string[]): Promise<void> {
  await withAdmin(kafka, (admin) => admin.deleteTopics({ topics })).catch(() => undefined);
}

async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

export interface ReadMessage {
  topic: string;
  partition: number;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  offset: string;
}

/** The current end of each partition: pass it to `readUntil` to read only what comes after now. */
export async function topicEnd(kafka: Kafka, topic: string): Promise<Record<number, string>> {
  return withAdmin(kafka, async (admin) =>
    Object.fromEntries((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.high])),
  );
}

/**
 * Reads a topic from the beginning (or from `since`, see `topicEnd`) until `done(messages)` holds, or fails after `timeoutMs` with what it
 * saw, so a failing test says what arrived instead of just timing out.
 */
export async function readUntil(
  kafka: Kafka,
  topic: string,
  done: (messages: ReadMessage[]) => boolean,
  timeoutMs = 30_000,
  since?: Record<number, string>,
): Promise<ReadMessage[]> {
  await eventually(() => withAdmin(kafka, async (admin) => (await admin.listTopics()).includes(topic)), timeoutMs, 250);
  const consumer = kafka.consumer({
    groupId: `reader-${randomBytes(6).toString('hex')}`,
    allowAutoTopicCreation: false,
  });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `readUntil(${topic}): condition not met after ${timeoutMs} ms; ${messages.length} messages read: ${JSON.stringify(messages.slice(-5))}`,
            ),
          ),
        timeoutMs,
      );
      void consumer
        .run({
          eachMessage: async ({ topic: t, partition, message }) => {
            messages.push(toReadMessage(t, partition, message));
            if (done(messages)) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .then(() =>
          Object.entries(since ?? {}).forEach(([partition, offset]) =>
            consumer.seek({ topic, partition: Number(partition), offset }),
          ),
        );
    });
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

function toReadMessage(topic: string, partition: number, message: KafkaMessage): ReadMessage {
  return {
    topic,
    partition,
    key: message.key?.toString() ?? null,
    value: message.value?.toString() ?? null,
    headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, v?.toString() ?? ''])),
    offset: message.offset,
  };
}

/** Polls `check` until it returns a truthy value, failing with the last value after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 30_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`eventually: still ${JSON.stringify(last)} after ${timeoutMs} ms`);
}

/** Resolves once consumer group `groupId` has committed, on every partition of `topic`, at least the offsets `end` (see `topicEnd`). */
export async function waitForGroupAt(
  kafka: Kafka,
  groupId: string,
  topic: string,
  end: Record<number, string>,
  timeoutMs = 60_000,
): Promise<void> {
  await eventually(
    () =>
      withAdmin(kafka, async (admin) => {
        const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
        const at = new Map(committed.partitions.map((p) => [p.partition, BigInt(p.offset)]));
        return Object.entries(end).every(
          ([partition, offset]) => BigInt(offset) === 0n || (at.get(Number(partition)) ?? -1n) >= BigInt(offset),
        );
      }),
    timeoutMs,
    250,
  );
}

/**
 * A suite's own consumer group that starts at the end of `topics` (committed there before any member joins): the
 * service under test sees only what the suite makes happen, not the history other suites left on shared topics.
 */
export async function groupStartingAtEnd(kafka: Kafka, groupId: string, topics: string[]): Promise<string> {
  await withAdmin(kafka, async (admin) => {
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({
        groupId,
        topic,
        partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
      });
    }
  });
  return groupId;
}
