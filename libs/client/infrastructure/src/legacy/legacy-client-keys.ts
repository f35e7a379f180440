import { LegacyClientSnapshot } from '@bascule/anti-corruption';
import { executorOf } from '@bascule/shared/persistence';
import { Pool } from 'pg';

export interface KeyRecord {
  noClient: number;
  clientId: string;
  lsn: number;
  deleted: boolean;
  snapshot: LegacyClientSnapshot | null;
}

/** The key map in SQL: which legacy change was applied last for a key, and the row as legacy wrote it. Joins the caller's transaction. */
export class LegacyClientKeys {
  constructor(readonly pool: Pool) {}

  /** The last applied LSN of each of these keys (keys never seen are absent). */
  async lastLsns(noClients: number[]): Promise<Map<number, number>> {
    if (noClients.length === 0) return new Map();
    const rows = await executorOf(this.pool).query<{ no_client: number; last_lsn: string }>(
      'SELECT no_client, last_lsn FROM legacy_client_keys WHERE no_client = ANY($1::int[])',
      [noClients],
    );
    return new Map(rows.map((r) => [r.no_client, Number(r.last_lsn)]));
  }

  /** Records the applied changes in one statement; for a key changed several times, the last one wins. */
  async recordAll(records: KeyRecord[]): Promise<void> {
    const latest = new Map<number, KeyRecord>();
    for (const record of records)
      if ((latest.get(record.noClient)?.lsn ?? -1) < record.lsn) latest.set(record.noClient, record);
    if (latest.size === 0) return;
    const rows = [...latest.values()];
    await executorOf(this.pool).query(
      `INSERT INTO legacy_client_keys (no_client, client_id, last_lsn, deleted, legacy_row)
       SELECT * FROM unnest($1::int[], $2::uuid[], $3::bigint[], $4::bool[], $5::jsonb[])
       ON CONFLICT (no_client) DO UPDATE SET last_lsn = EXCLUDED.last_lsn, deleted = EXCLUDED.deleted,
         legacy_row = COALESCE(EXCLUDED.legacy_row, legacy_client_keys.legacy_row), updated_at = now()
       WHERE legacy_client_keys.last_lsn < EXCLUDED.last_lsn`,
      [
        rows.map((r) => r.noClient),
        rows.map((r) => r.clientId),
        rows.map((r) => r.lsn),
        rows.map((r) => r.deleted),
        rows.map((r) => (r.snapshot === null ? null : JSON.stringify(r.snapshot))),
      ],
    );
  }
}
