import { SqlRows } from '../transactions';
import { MasterKey } from './master-key';

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
      `INSERT INTO subject_keys (subject_id, wrapped_key) SELECT * FROM unnest($1::text[], $2::bytea[])
       ON CONFLICT (subject_id) DO NOTHING`,
      [wanted, fresh],
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
    const rows = await sql.query<{ subject_id: string; wrapped_key: Buffer | null }>(
      'SELECT subject_id, wrapped_key FROM subject_keys WHERE subject_id = ANY($1::text[])',
      [[...new Set(subjects)]],
    );
    return new Map(
      rows.map((row) => [
        row.subject_id,
        row.wrapped_key ? this.master.unwrap(row.subject_id, row.wrapped_key) : 'erased',
      ]),
    );
  }
}

/**
 * Crypto-shredding (ADR 0033), in the erasing transaction: the subject's data key is destroyed, so every copy of
 * its sealed fields (Kafka, dead letters, outbox rows, backups) is unreadable from the commit on. Marks a subject
 * that never had a key too (erased before sealing existed): the legacy sync reads the mark with its key map.
 */
export async function shredSubject(tx: SqlRows, subject: string): Promise<void> {
  await tx.query(
    `INSERT INTO subject_keys (subject_id, wrapped_key, erased_at) VALUES ($1, NULL, now())
     ON CONFLICT (subject_id) DO UPDATE SET wrapped_key = NULL, erased_at = COALESCE(subject_keys.erased_at, now())`,
    [subject],
  );
}
