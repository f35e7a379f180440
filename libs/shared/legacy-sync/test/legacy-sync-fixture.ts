import { DeadLetterPublisher } from '@bascule/shared/messaging';
import {
  createTestDatabase,
  createTopics,
  deleteTopics,
  testKafka,
  TestDatabase,
  topicEnd,
  uniqueTopic,
  waitForGroupAt,
} from '@bascule/shared/testing';
import { Kafka, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { LegacySyncDependencies, LegacyTableSync } from '../src/legacy-table-sync';
import { legacySyncSettingsFromEnv } from '../src/legacy-sync.settings';
import { membersContext, membersDefinition } from './members-capture';

/** A topic of one test's own (and its `.dlq`), with a consumer group of its own. */
export interface Lane {
  topic: string;
  groupId: string;
}

/**
 * What the legacy-sync integration specs share, on the real PostgreSQL and Kafka: a database of the suite's own,
 * a pool on it, a producer, topics made per test and deleted after, and every sync started stopped after (as
 * `MessagingFixture` does for the messaging specs). `setUp` in `beforeAll`, `tearDown` in `afterAll`.
 */
export class LegacySyncFixture {
  readonly kafka: Kafka = testKafka();
  readonly producer: Producer = this.kafka.producer();
  db!: TestDatabase;
  pool!: Pool;
  private readonly topics: string[] = [];
  private readonly started: { stop(): Promise<void> }[] = [];

  /** `name` prefixes the database; `statements` make the suite's tables. */
  constructor(
    private readonly name: string,
    private readonly poolSize = 4,
  ) {}

  async setUp(statements: readonly string[] = []): Promise<void> {
    this.db = await createTestDatabase(this.name);
    this.pool = new Pool({ ...this.db.settings, max: this.poolSize });
    for (const statement of statements) await this.pool.query(statement);
    await this.producer.connect();
  }

  async tearDown(): Promise<void> {
    await Promise.all(this.started.map((sync) => sync.stop()));
    await this.producer.disconnect();
    await this.pool?.end();
    await this.db?.drop();
    await deleteTopics(this.kafka, this.topics);
  }

  /** Topics made now (`partitions` each) and deleted by `tearDown`. */
  async topicsOf(names: readonly string[], partitions = 1): Promise<void> {
    this.topics.push(...names);
    await createTopics(this.kafka, [...names], partitions);
  }

  /** A fresh topic named after `base` (`legacy-restore.public.MEMBERS`) and its DLQ, with a group of its own. */
  async lane(base: string, partitions = 1): Promise<Lane> {
    const topic = uniqueTopic(base);
    await this.topicsOf([topic, `${topic}.dlq`], partitions);
    return { topic, groupId: `${base.split('.')[0]}-${topic.split('.').pop()}` };
  }

  deadLetters(): DeadLetterPublisher {
    return new DeadLetterPublisher(this.producer);
  }

  /** Stopped by `tearDown`. */
  stopsAfter<T extends { stop(): Promise<void> }>(sync: T): T {
    this.started.push(sync);
    return sync;
  }

  /**
   * The members context's sync of `lane` (members-capture.ts) on `pool` (the fixture's unless given), its CommandBus
   * on that pool too, not started.
   */
  async membersSync(
    lane: Lane,
    dependencies: Partial<Omit<LegacySyncDependencies, 'kafka' | 'commands'>> = {},
  ): Promise<LegacyTableSync> {
    const pool = dependencies.pool ?? this.pool;
    const { commands } = await membersContext(pool);
    return this.stopsAfter(
      new LegacyTableSync(
        membersDefinition,
        // The lane's dead letters in `<topic>.dlq`, made with it (a context's would be `<context>.<prefix>.MEMBERS.dlq`).
        { ...legacySyncSettingsFromEnv('test', 'MEMBERS'), ...lane, deadLetterTopic: `${lane.topic}.dlq` },
        {
          kafka: this.kafka,
          commands,
          deadLetters: this.deadLetters(),
          logger: { warn: () => undefined },
          ...dependencies,
          pool,
        },
      ),
    );
  }

  /** Waits until `groupId` has consumed `topic` to its end now. */
  async consumedToEnd({ topic, groupId }: Lane, timeoutMs?: number): Promise<void> {
    await waitForGroupAt(this.kafka, groupId, topic, await topicEnd(this.kafka, topic), timeoutMs);
  }
}
