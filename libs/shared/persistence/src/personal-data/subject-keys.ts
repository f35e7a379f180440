import { SqlRows } from '../transactions';
import { FIRST_MASTER_KEY_ID, MasterKey, MasterKeyUnknown } from './master-key';

/** A subject's data key, or the mark that erasure destroyed it. */
export type SubjectKey = Buffer | 'erased';

export class SubjectErased extends Error {
  readonly safeMessage = true;

  constructor(subject: string) {
    super(`subject ${subject} is erased: nothing personal is sealed for it any more`);
    this.name = 'SubjectErased';
  }
}

/** The data keys of the context's subjects, in its own database (`subject_keys`), unwrapped by the master key. */
export class SubjectKeys {
  constructor(private readonly master: MasterKey) {}

  /** Their keys, made for those that have none yet, in the caller's transaction; throws for an erased one. */
  async keysFor(tx: SqlRows, subjects: readonly string[]): Promise<Map<string, Buffer>> {
    const wanted = [...new Set(subjects)];
    const fresh = wanted.map((subject) => this.master.newDataKey(subject).wrapped);
    await tx.query(
      `INSERT INTO subject_keys (subject_id, wrapped_key, master_key_id)
       SELECT subject_id, wrapped_key, $3 FROM unnest($1::text[], $2::bytea[]) AS fresh (subject_id, wrapped_key)
       ON CONFLICT (subject_id) DO NOTHING`,
      [wanted, fresh, this.master.currentId],
    );
    const keys = await this.find(tx, wanted);
    const result = new Map<string, Buffer>();
    for (const subject of wanted) {
      const key = keys.get(subject);
      if (!key || key === 'erased') throw new SubjectErased(subject);
      result.set(subject, key);
    }
    return result;
  }

  /** The keys of those that have one, `erased` for those erased; a subject unknown here is absent. */
  async find(sql: SqlRows, subjects: readonly string[]): Promise<Map<string, SubjectKey>> {
    const rows = await sql.query<{ subject_id: string; wrapped_key: Buffer | null; master_key_id: string | null }>(
      'SELECT subject_id, wrapped_key, master_key_id FROM subject_keys WHERE subject_id = ANY($1::text[])',
      [[...new Set(subjects)]],
    );
    return new Map(
      rows.map((row) => [
        row.subject_id,
        row.wrapped_key
          ? this.master.unwrap(row.subject_id, row.wrapped_key, row.master_key_id ?? FIRST_MASTER_KEY_ID)
          : 'erased',
      ]),
    );
  }

  /**
   * At start: every master key the stored keys are wrapped by is held, and opens one of them. A key id that the
   * secrets lost (an old key removed before its rotation finished), or a wrong key under a right id, stops the
   * service with its id rather than failing each read of those subjects.
   */
  async checkMasterKeys(sql: SqlRows): Promise<void> {
    const samples = await sql.query<{ master_key_id: string; subject_id: string; wrapped_key: Buffer }>(
      `WITH RECURSIVE ids (id) AS (
         SELECT min(master_key_id) FROM subject_keys WHERE wrapped_key IS NOT NULL
         UNION ALL
         SELECT (SELECT min(master_key_id) FROM subject_keys WHERE wrapped_key IS NOT NULL AND master_key_id > ids.id)
         FROM ids WHERE ids.id IS NOT NULL
       )
       SELECT sample.master_key_id, sample.subject_id, sample.wrapped_key FROM ids, LATERAL (
         SELECT master_key_id, subject_id, wrapped_key FROM subject_keys
         WHERE master_key_id = ids.id AND wrapped_key IS NOT NULL LIMIT 1) AS sample`,
    );
    for (const sample of samples) {
      if (!this.master.holds(sample.master_key_id)) throw new MasterKeyUnknown(sample.master_key_id);
      try {
        this.master.unwrap(sample.subject_id, sample.wrapped_key, sample.master_key_id);
      } catch {
        throw new Error(
          `master key ${sample.master_key_id} does not open the subject keys stored under that id: ` +
            'the secrets hold another key under that id (ADR 0033)',
        );
      }
    }
  }
}

/**
 * Crypto-shredding (ADR 0033), in the erasing transaction: the subject's data key is destroyed, so every copy of
 * its sealed fields (Kafka, dead letters, outbox rows, backups) is unreadable from the commit on. Marks a subject
 * that never had a key too (erased before sealing existed): the legacy sync reads the mark with its key map.
 */
export async function shredSubject(tx: SqlRows, subject: string): Promise<void> {
  await tx.query(
    `INSERT INTO subject_keys (subject_id, wrapped_key, master_key_id, erased_at) VALUES ($1, NULL, NULL, now())
     ON CONFLICT (subject_id) DO UPDATE
       SET wrapped_key = NULL, master_key_id = NULL, erased_at = COALESCE(subject_keys.erased_at, now())`,
    [subject],
  );
}
