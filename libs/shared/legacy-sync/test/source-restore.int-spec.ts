import { eventually, topicEnd } from '@bascule/shared/testing';
import { register } from 'prom-client';
import { PgLegacySource } from '../src/source/legacy-source';
import { sourcePositionsTableUp } from '../src/source/source-positions';
import { LEGACY_RESTORE_RUNBOOK } from '../src/source/source-restore-guard';
import { Lane, LegacySyncFixture } from './legacy-sync-fixture';
import { memberChange } from './members-capture';

/**
 * A restored legacy database against a replay (ADR 0035), on the real PostgreSQL and Kafka. The legacy server is
 * this PostgreSQL: its WAL position is read for real. A restore is simulated by what the sync remembers: changes
 * applied at positions past the server's current WAL, as when the server was restored to an earlier point after
 * they were captured; then a change of the "restored" database arrives with a lower position.
 */
describe('a legacy database restored behind what the sync applied stops the sync; a replay does not', () => {
  const fixture = new LegacySyncFixture('legacy_restore', 6);
  const { kafka, producer } = fixture;
  let server: PgLegacySource;
  const errors: { payload: object; message: string }[] = [];

  beforeAll(async () => {
    await fixture.setUp(sourcePositionsTableUp);
    server = new PgLegacySource(fixture.pool);
  });
  afterAll(() => fixture.tearDown());

  const lane = () => fixture.lane('legacy-restore.public.MEMBERS');
  const sync = (lane: Lane, checkIntervalMs: number) =>
    fixture.membersSync(lane, {
      logger: { warn: () => undefined, error: (payload, message) => errors.push({ payload, message }) },
      source: { server, checkIntervalMs },
    });
  const lastLsn = async (id: number) =>
    (await fixture.pool.query('SELECT last_lsn FROM legacy_member_keys WHERE legacy_key = $1', [id])).rows[0]?.last_lsn;
  const restoredGauge = async (topic: string) =>
    (await register.getSingleMetric('bascule_legacy_source_restored')!.get()).values.find(
      (v) => v.labels.topic === topic,
    )?.value;

  it('skips the duplicates of a replay (lower positions, the legacy WAL still past them) and goes on', async () => {
    const { topic, groupId } = await lane();
    const wal = await server.currentWalLsn();
    const first = [
      memberChange({ ID: 1, HANDLE: 'one' }, wal - 2_000),
      memberChange({ ID: 2, HANDLE: 'two' }, wal - 1_000),
    ];
    await producer.send({ topic, messages: first });
    const running = await sync({ topic, groupId }, 200);
    await running.start();
    await fixture.consumedToEnd({ topic, groupId });

    // The same changes delivered again (a restart before the offsets were committed), then a new one.
    await producer.send({ topic, messages: [...first, memberChange({ ID: 3, HANDLE: 'three' }, wal - 500)] });
    await fixture.consumedToEnd({ topic, groupId });
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // a few periodic checks too
    expect(running.halted).toBeUndefined();
    expect(running.running).toBe(true);
    expect([await lastLsn(1), await lastLsn(2), await lastLsn(3)]).toEqual(
      [wal - 2_000, wal - 1_000, wal - 500].map(String),
    );
    expect(await restoredGauge(topic)).toBe(0);
    expect(
      (await fixture.pool.query('SELECT highest_lsn FROM legacy_source_positions WHERE topic = $1', [topic])).rows,
    ).toEqual([{ highest_lsn: String(wal - 500) }]);
  }, 120_000);

  it('stops at the first change of a restored database, applies and skips nothing, and says so with the runbook', async () => {
    const { topic, groupId } = await lane();
    const wal = await server.currentWalLsn();
    const beyond = wal + 2 ** 36; // captured before the restore: a position this server's WAL has not reached again
    await producer.send({
      topic,
      messages: [
        memberChange({ ID: 11, HANDLE: 'eleven' }, beyond),
        memberChange({ ID: 12, HANDLE: 'twelve' }, beyond + 10),
      ],
    });
    const before = await topicEnd(kafka, topic);
    // Checked per change only (the periodic check would see the restore first, and is tested below).
    const running = await sync({ topic, groupId }, 3_600_000);
    await running.start();
    await fixture.consumedToEnd({ topic, groupId });

    // The restored database writes again, at positions below what was applied.
    await producer.send({
      topic,
      messages: [
        memberChange({ ID: 11, HANDLE: 'eleven-again' }, wal + 100),
        memberChange({ ID: 13, HANDLE: 'new' }, wal + 200),
      ],
    });
    await eventually(async () => running.halted !== undefined && !running.running, 60_000);
    expect(running.halted).toContain(LEGACY_RESTORE_RUNBOOK);
    expect(errors.find((e) => e.message === running.halted)?.payload).toMatchObject({
      topic,
      runbook: LEGACY_RESTORE_RUNBOOK,
    });
    expect(await restoredGauge(topic)).toBe(1);
    // Neither skipped as a duplicate nor applied: the key map is as before, and the offsets were not committed past them.
    expect([await lastLsn(11), await lastLsn(13)]).toEqual([String(beyond), undefined]);
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [{ partitions }] = await admin.fetchOffsets({ groupId, topics: [topic] });
      expect(partitions.map((p) => p.offset)).toEqual([before[0]]);
    } finally {
      await admin.disconnect();
    }

    // Started again (a new process): it checks the server first, and does not consume.
    const restarted = await sync({ topic, groupId: `${groupId}-again` }, 3_600_000);
    await restarted.start();
    expect(restarted.halted).toContain('legacy database restored');
    expect(restarted.running).toBe(false);
  }, 120_000);
});
