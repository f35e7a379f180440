import { countingPool } from '@bascule/shared/persistence/testing';
import { readUntil } from '@bascule/shared/testing';
import { Pool } from 'pg';
import { register } from 'prom-client';
import { LegacySyncFixture } from './legacy-sync-fixture';
import { memberChange, memberIdOf } from './members-capture';

const lagsObserved = async () =>
  ((await register.getSingleMetric('bascule_cdc_lag_seconds')?.get())?.values ?? []).find(
    (v) =>
      (v as { metricName?: string }).metricName === 'bascule_cdc_lag_seconds_count' && v.labels.table === 'MEMBERS',
  )?.value ?? 0;

/** A batch applied as one unit of work, and redone change by change when its write fails. */
describe('a partition batch of legacy changes', () => {
  const fixture = new LegacySyncFixture('legacy_batch');
  const { kafka, producer } = fixture;

  beforeAll(() => fixture.setUp());
  afterAll(() => fixture.tearDown());

  /** Produces the changes as one send on a fresh topic (one partition unless they say), then syncs it until the group has passed them. */
  async function syncOnce(
    changes: (ReturnType<typeof memberChange> & { partition?: number })[],
    syncPool: Pool = fixture.pool,
  ) {
    const lane = await fixture.lane(
      'legacy-batch.public.MEMBERS',
      Math.max(...changes.map((c) => (c.partition ?? 0) + 1)),
    );
    await producer.send({ topic: lane.topic, messages: changes });
    const sync = await fixture.membersSync(lane, { pool: syncPool });
    await sync.start();
    await fixture.consumedToEnd(lane);
    return lane.topic;
  }
  const eventsOf = async (keys: number[]) => {
    const { rows } = await fixture.pool.query(
      `SELECT aggregateid, type, payload->'payload'->>'handle' AS handle FROM outbox WHERE aggregateid = ANY($1) ORDER BY seq`,
      [keys.map(memberIdOf)],
    );
    return rows.map((r) => `${keys[keys.map(memberIdOf).indexOf(r.aggregateid)]} ${r.type} ${r.handle}`);
  };

  it('is applied in one transaction: the key map read once, the aggregates loaded once, each table written once', async () => {
    const counting = countingPool(fixture.pool);
    await syncOnce(
      [
        memberChange({ ID: 1, HANDLE: 'ann' }, 10),
        memberChange({ ID: 2, HANDLE: 'bob' }, 20),
        memberChange({ ID: 1, HANDLE: 'ann.b' }, 30, 'u'),
      ],
      counting.pool,
    );
    expect(counting.statements).toEqual(['BEGIN', 'SELECT', 'SELECT', 'INSERT', 'INSERT', 'INSERT', 'COMMIT']);
    expect(await eventsOf([1, 2])).toEqual([
      '1 test.member-joined ann',
      '1 test.member-renamed ann.b',
      '2 test.member-joined bob',
    ]);
  });

  it('is redone change by change when its write hits a unique violation: the refused change is quarantined, every other applied once', async () => {
    const counting = countingPool(fixture.pool);
    const lagsBefore = await lagsObserved();
    const topic = await syncOnce(
      [
        memberChange({ ID: 11, HANDLE: 'cat' }, 110),
        memberChange({ ID: 12, HANDLE: 'dan' }, 120),
        memberChange({ ID: 13, HANDLE: 'cat' }, 130),
        memberChange({ ID: 14, HANDLE: 'eve' }, 140),
        memberChange({ ID: 12, HANDLE: 'dan.b' }, 150, 'u'),
      ],
      counting.pool,
    );
    // Keys read, members loaded, keys recorded; then the batch's one write of its new members failed, and it was rolled back.
    expect(counting.statements.slice(0, 6)).toEqual(['BEGIN', 'SELECT', 'SELECT', 'INSERT', 'INSERT', 'ROLLBACK']);
    expect(counting.statements.filter((s) => s === 'ROLLBACK')).toHaveLength(1);
    expect(counting.statements.filter((s) => s === 'COMMIT')).toHaveLength(5);
    expect(await eventsOf([11, 12, 13, 14])).toEqual([
      '11 test.member-joined cat',
      '12 test.member-joined dan',
      '14 test.member-joined eve',
      '12 test.member-renamed dan.b',
    ]);
    const { rows: keys } = await fixture.pool.query(
      'SELECT legacy_key, last_lsn::int AS lsn FROM legacy_member_keys WHERE legacy_key > 10 ORDER BY legacy_key',
    );
    expect(keys).toEqual([
      { legacy_key: 11, lsn: 110 },
      { legacy_key: 12, lsn: 150 },
      { legacy_key: 14, lsn: 140 },
    ]);
    const letters = await readUntil(kafka, `${topic}.dlq`, (messages) => messages.length >= 1);
    expect(letters.map((letter) => [letter.key, letter.headers.dlq_reason, letter.headers.dlq_error])).toEqual([
      [JSON.stringify({ ID: 13 }), 'quarantined', 'MEMBER.HANDLE_TAKEN (field handle)'],
    ]);
    // The lag of each applied change is observed once, after its commit: never for the batch that was rolled back.
    expect((await lagsObserved()) - lagsBefore).toBe(4);
  });

  describe('with the batches of other partitions fetched with it', () => {
    const on = (partition: number, change: ReturnType<typeof memberChange>) => ({ ...change, partition });

    it('is applied together with them in one transaction', async () => {
      const counting = countingPool(fixture.pool);
      await syncOnce(
        [
          on(0, memberChange({ ID: 21, HANDLE: 'fay' }, 210)),
          on(1, memberChange({ ID: 22, HANDLE: 'gus' }, 220)),
          on(2, memberChange({ ID: 23, HANDLE: 'hal' }, 230)),
        ],
        counting.pool,
      );
      expect(counting.statements).toEqual(['BEGIN', 'SELECT', 'SELECT', 'INSERT', 'INSERT', 'INSERT', 'COMMIT']);
      expect((await eventsOf([21, 22, 23])).sort()).toEqual([
        '21 test.member-joined fay',
        '22 test.member-joined gus',
        '23 test.member-joined hal',
      ]);
    });

    it('goes its own way when the group fails: only the change set aside is dead-lettered, the others are applied once', async () => {
      const counting = countingPool(fixture.pool);
      const topic = await syncOnce(
        [
          on(0, memberChange({ ID: 31, HANDLE: 'ivy' }, 310)),
          on(1, memberChange({ ID: 32, HANDLE: null }, 320)),
          on(1, memberChange({ ID: 34, HANDLE: 'kim' }, 340)),
          on(2, memberChange({ ID: 33, HANDLE: 'jon' }, 330)),
        ],
        counting.pool,
      );
      // The group, then partition 1's own batch, rolled back; partitions 0 and 2 alone, then 1 change by change, committed.
      expect(counting.statements.filter((s) => s === 'ROLLBACK')).toHaveLength(2);
      expect(counting.statements.filter((s) => s === 'COMMIT')).toHaveLength(4);
      expect((await eventsOf([31, 32, 33, 34])).sort()).toEqual([
        '31 test.member-joined ivy',
        '33 test.member-joined jon',
        '34 test.member-joined kim',
      ]);
      const letters = await readUntil(kafka, `${topic}.dlq`, (messages) => messages.length >= 1);
      expect(letters.map((letter) => [letter.key, letter.headers.dlq_error])).toEqual([
        [JSON.stringify({ ID: 32 }), 'HANDLE is empty'],
      ]);
    });
  });
});
