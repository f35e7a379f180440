import { DeadLetterPublisher } from '@bascule/shared/messaging';
import {
  createTestDatabase,
  createTopics,
  deleteTopics,
  eventually,
  readUntil,
  testKafka,
  TestDatabase,
  topicEnd,
  uniqueTopic,
  waitForGroupAt,
} from '@bascule/shared/testing';
import { Pool } from 'pg';
import { LegacyTableSync } from '../src/legacy-table-sync';
import { legacySyncSettingsFromEnv } from '../src/legacy-sync.settings';
import { poolFailingACommit } from './faulty-pools';
import { memberChange, membersContext, membersDefinition } from './members-capture';

describe('a legacy change set aside is dead-lettered after its transaction commits', () => {
  const kafka = testKafka();
  const topic = uniqueTopic('legacy-dlq.public.MEMBERS');
  const groupId = `legacy-dlq-${topic.split('.').pop()}`;
  const producer = kafka.producer();
  let db: TestDatabase;
  let pool: Pool;
  let sync: LegacyTableSync | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('legacy_dlq');
    pool = new Pool({ ...db.settings, max: 4 });
    await createTopics(kafka, [topic, `${topic}.dlq`], 1);
    await producer.connect();
  });
  afterAll(async () => {
    await sync?.stop();
    await producer.disconnect();
    await pool?.end();
    await db?.drop();
    await deleteTopics(kafka, [topic, `${topic}.dlq`]);
  });

  it('publishes exactly one dead letter when the commit of the batch that set it aside failed transiently and was redone', async () => {
    const faulty = poolFailingACommit(pool);
    const { commands } = await membersContext(faulty.pool);
    await producer.send({
      topic,
      messages: [memberChange({ ID: 1, HANDLE: null }, 100), memberChange({ ID: 2, HANDLE: 'two' }, 200)],
    });
    const end = await topicEnd(kafka, topic);
    faulty.failNextCommit();
    const settings = { ...legacySyncSettingsFromEnv('test', 'MEMBERS'), topic, groupId };
    sync = new LegacyTableSync(membersDefinition, settings, {
      kafka,
      commands,
      pool: faulty.pool,
      deadLetters: new DeadLetterPublisher(producer),
      logger: { warn: () => undefined },
    });
    await sync.start();
    await waitForGroupAt(kafka, groupId, topic, end);
    expect(faulty.failedCommits()).toBe(1);
    await eventually(async () => (await pool.query('SELECT legacy_key FROM legacy_member_keys')).rows.length === 1);
    expect(await topicEnd(kafka, `${topic}.dlq`)).toEqual({ 0: '1' });
    const [letter] = await readUntil(kafka, `${topic}.dlq`, (messages) => messages.length >= 1);
    expect(letter).toMatchObject({
      key: JSON.stringify({ ID: 1 }),
      headers: { dlq_reason: 'quarantined', dlq_error: 'HANDLE is empty' },
    });
  }, 90_000);
});
