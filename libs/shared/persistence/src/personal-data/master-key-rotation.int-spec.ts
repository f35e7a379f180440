import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '@bascule/shared/testing';
import { inTransaction, rowsOf } from '../transactions';
import { MasterKey } from './master-key';
import { keysUnderOldMasterKeys, rewrapSubjectKeys } from './rewrap-subject-keys';
import { shredSubject, SubjectKeys } from './subject-keys';
import { subjectKeysTableUp } from './subject-keys.sql';

/**
 * A master key rotation (ADR 0033) on real PostgreSQL, while services read, write and erase: every data key is
 * re-wrapped under the new master key, the old one is then dropped, and every key still opens with the new alone;
 * the erased stay erased.
 */
describe('master key rotation of personal data', () => {
  const [k1, k2] = [randomBytes(32).toString('hex'), randomBytes(32).toString('hex')];
  const before = MasterKey.of(k1, 'k1');
  const during = MasterKey.of(k2, 'k2', { k1 });
  const after = MasterKey.of(k2, 'k2');
  let db: TestDatabase;
  let pool: Pool;
  /** Each subject's data key as it was made; `erased` for those erased. */
  const expected = new Map<string, Buffer | 'erased'>();

  const make = async (master: MasterKey, subjects: string[]) => {
    const keys = await inTransaction(pool, (tx) => new SubjectKeys(master).keysFor(tx, subjects));
    for (const [subject, key] of keys) expected.set(subject, key);
  };
  /** Subjects whose erasure is under way: a read may see them either way. */
  const erasing = new Set<string>();
  const erase = async (subject: string) => {
    erasing.add(subject);
    await inTransaction(pool, (tx) => shredSubject(tx, subject));
    expected.set(subject, 'erased');
    erasing.delete(subject);
  };

  beforeAll(async () => {
    db = await createTestDatabase('key_rotation');
    pool = new Pool({ ...db.settings, max: 8 });
    for (const statement of subjectKeysTableUp) await pool.query(statement);
    for (let batch = 0; batch < 8; batch++)
      await make(
        before,
        Array.from({ length: 50 }, (_, i) => `before-${batch * 50 + i}`),
      );
    for (let i = 0; i < 400; i += 20) await erase(`before-${i}`);
    // A key stored by a replica of the version before key ids (no master_key_id given): the first key's, k1.
    const { dataKey, wrapped } = before.newDataKey('from-older-replica');
    await pool.query('INSERT INTO subject_keys (subject_id, wrapped_key) VALUES ($1, $2)', [
      'from-older-replica',
      wrapped,
    ]);
    expected.set('from-older-replica', dataKey);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('re-wraps every key while services read, write and erase, then opens everything with the new key alone', async () => {
    let rotating = true;
    const seen = { reads: 0, readsDuringRotation: 0, writes: 0, erasures: 0, batches: 0 };
    const failures: unknown[] = [];
    // A restarted service (holds both keys, wraps with k2) writes and reads; one started before the rotation (k1
    // only) writes a few keys more before it is restarted; erasures go on.
    const restarted = (async () => {
      for (let i = 0; rotating || i < 5; i++) {
        await make(during, [`during-${i}`]);
        seen.writes++;
        const sample = [...expected.keys()].filter((_, n) => n % 37 === i % 37);
        // What was expected when the read began: an erasure may commit while it runs (then either answer is right).
        const asBefore = new Map(sample.map((subject) => [subject, expected.get(subject)]));
        const found = await new SubjectKeys(during).find(rowsOf(pool), sample);
        for (const subject of sample)
          if (
            !sameKey(found.get(subject), expected.get(subject)) &&
            !sameKey(found.get(subject), asBefore.get(subject)) &&
            !erasing.has(subject)
          )
            failures.push(`read ${subject} during rotation`);
        seen.reads++;
        if (rotating) seen.readsDuringRotation++;
      }
    })().catch((error) => failures.push(error));
    const notRestarted = (async () => {
      for (let i = 0; i < 30; i++) await make(before, [`old-process-${i}`]);
    })().catch((error) => failures.push(error));
    const eraser = (async () => {
      for (let i = 1; i < 400 && rotating; i += 13) {
        await erase(`before-${i}`);
        seen.erasures++;
      }
    })().catch((error) => failures.push(error));

    await waitFor(() => seen.writes >= 3 || failures.length > 0);
    const progress = await rewrapSubjectKeys(pool, during, { batchSize: 25, onProgress: () => seen.batches++ });
    await notRestarted;
    // `keys:rotate -- --retire`: what the process started before the rotation wrapped meanwhile.
    await rewrapSubjectKeys(pool, during, { batchSize: 25 });
    rotating = false;
    await Promise.all([restarted, eraser]);

    expect(failures).toEqual([]);
    expect(seen.batches).toBeGreaterThan(10);
    expect(progress.rewrapped).toBeGreaterThanOrEqual(progress.total);
    expect(seen.readsDuringRotation).toBeGreaterThan(0);
    expect(seen.erasures).toBeGreaterThan(0);
    expect(await keysUnderOldMasterKeys(pool, after)).toBe(0);

    // The old key dropped: every subject's key opens with k2 alone, every erased one is still erased.
    await new SubjectKeys(after).checkMasterKeys(rowsOf(pool));
    const subjects = [...expected.keys()];
    const found = await new SubjectKeys(after).find(rowsOf(pool), subjects);
    const wrong = subjects.filter((subject) => !sameKey(found.get(subject), expected.get(subject)));
    expect(wrong).toEqual([]);
    expect(subjects.filter((s) => expected.get(s) === 'erased').length).toBeGreaterThan(20);
    expect(subjects.filter((s) => s.startsWith('old-process-'))).toHaveLength(30);
  });

  it('refuses to start with a key id the stored keys need but the secrets lost, or with a wrong key under an id', async () => {
    await expect(new SubjectKeys(before).checkMasterKeys(rowsOf(pool))).rejects.toThrow(
      'a subject key is wrapped by master key k2, which this process does not hold (PERSONAL_DATA_MASTER_KEY_ID, PERSONAL_DATA_PREVIOUS_MASTER_KEYS; ADR 0033)',
    );
    await expect(new SubjectKeys(MasterKey.of(k1, 'k2')).checkMasterKeys(rowsOf(pool))).rejects.toThrow(
      'master key k2 does not open the subject keys stored under that id',
    );
  });
});

function sameKey(found: Buffer | 'erased' | undefined, wanted: Buffer | 'erased' | undefined): boolean {
  if (found === undefined || wanted === undefined) return false;
  if (found === 'erased' || wanted === 'erased') return found === wanted;
  return found.equals(wanted);
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 30_000) throw new Error('the services never started writing');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
