import { Pool } from 'pg';
import { MasterKey } from './master-key';

export interface RewrapProgress {
  /** Keys now under the current master key, this run. */
  rewrapped: number;
  /** Keys still under another master key when the run began. */
  total: number;
}

/**
 * A master key rotation's data part (ADR 0033): every stored data key that another master key wraps is unwrapped
 * and wrapped again by the current one, a batch per transaction, while the services go on reading and writing.
 * Each batch locks its rows (`FOR UPDATE SKIP LOCKED`), so an erasure that commits first is seen (the row no longer
 * has a key to re-wrap) and one that comes later waits and wins: an erased subject stays erased. Resumable: a run
 * starts from whatever is still under an old key. Returns once none is, passing over rows another transaction
 * holds until it lets them go.
 */
export async function rewrapSubjectKeys(
  pool: Pool,
  master: MasterKey,
  options: { batchSize?: number; onProgress?: (progress: RewrapProgress) => void } = {},
): Promise<RewrapProgress> {
  const batchSize = options.batchSize ?? 500;
  const progress = { rewrapped: 0, total: await keysUnderOldMasterKeys(pool, master) };
  for (;;) {
    const rewrapped = await rewrapBatch(pool, master, batchSize);
    if (rewrapped > 0) {
      progress.rewrapped += rewrapped;
      options.onProgress?.({ ...progress });
      continue;
    }
    if ((await keysUnderOldMasterKeys(pool, master)) === 0) return progress;
    await new Promise((resolve) => setTimeout(resolve, 100)); // rows another transaction holds
  }
}

async function rewrapBatch(pool: Pool, master: MasterKey, batchSize: number): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ subject_id: string; master_key_id: string; wrapped_key: Buffer }>(
      `SELECT subject_id, master_key_id, wrapped_key FROM subject_keys
       WHERE wrapped_key IS NOT NULL AND master_key_id <> $1
       ORDER BY master_key_id, subject_id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [master.currentId, batchSize],
    );
    const wrapped = rows.map(
      (row) => master.wrap(row.subject_id, master.unwrap(row.subject_id, row.wrapped_key, row.master_key_id)).wrapped,
    );
    await client.query(
      `UPDATE subject_keys SET wrapped_key = rewrapped.wrapped_key, master_key_id = $3
       FROM unnest($1::text[], $2::bytea[]) AS rewrapped (subject_id, wrapped_key)
       WHERE subject_keys.subject_id = rewrapped.subject_id`,
      [rows.map((row) => row.subject_id), wrapped, master.currentId],
    );
    await client.query('COMMIT');
    return rows.length;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** Data keys still wrapped by another master key than the current one. */
export async function keysUnderOldMasterKeys(pool: Pool, master: MasterKey): Promise<number> {
  const { rows } = await pool.query<{ count: string }>(
    'SELECT count(*) FROM subject_keys WHERE wrapped_key IS NOT NULL AND master_key_id <> $1',
    [master.currentId],
  );
  return Number(rows[0].count);
}
