import { eventually, readUntil, topicEnd } from '@bascule/shared/testing';
import { poolFailingACommit } from './faulty-pools';
import { LegacySyncFixture } from './legacy-sync-fixture';
import { memberChange } from './members-capture';

describe('a legacy change set aside is dead-lettered after its transaction commits', () => {
  const fixture = new LegacySyncFixture('legacy_dlq');
  const { kafka, producer } = fixture;

  beforeAll(() => fixture.setUp());
  afterAll(() => fixture.tearDown());

  it('publishes exactly one dead letter when the commit of the batch that set it aside failed transiently and was redone', async () => {
    const lane = await fixture.lane('legacy-dlq.public.MEMBERS');
    const { topic } = lane;
    const faulty = poolFailingACommit(fixture.pool);
    await producer.send({
      topic,
      messages: [memberChange({ ID: 1, HANDLE: null }, 100), memberChange({ ID: 2, HANDLE: 'two' }, 200)],
    });
    const sync = await fixture.membersSync(lane, { pool: faulty.pool });
    faulty.failNextCommit();
    await sync.start();
    await fixture.consumedToEnd(lane);
    expect(faulty.failedCommits()).toBe(1);
    await eventually(
      async () => (await fixture.pool.query('SELECT legacy_key FROM legacy_member_keys')).rows.length === 1,
    );
    expect(await topicEnd(kafka, `${topic}.dlq`)).toEqual({ 0: '1' });
    const [letter] = await readUntil(kafka, `${topic}.dlq`, (messages) => messages.length >= 1);
    expect(letter).toMatchObject({
      key: JSON.stringify({ ID: 1 }),
      headers: { dlq_reason: 'quarantined', dlq_error: 'HANDLE is empty' },
    });
  }, 90_000);
});
