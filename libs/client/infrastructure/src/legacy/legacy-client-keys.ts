import { LegacyClientSnapshot } from '@bascule/anti-corruption';
import { executorOf } from '@bascule/shared/messaging';
import { Pool } from 'pg';

/** The key map in SQL: which legacy change was applied last for a key, and the row as legacy wrote it. Joins the caller's transaction. */
export class LegacyClientKeys {
  constructor(readonly pool: Pool) {}

  async lastLsn(noClient: number): Promise<number | undefined> {
    const rows = await executorOf(this.pool).query<{ last_lsn: string }>('SELECT last_lsn FROM legacy_client_keys WHERE no_client = $1', [noClient]);
    return rows[0] ? Number(rows[0].last_lsn) : undefined;
  }

  async record(noClient: number, clientId: string, lsn: number, deleted: boolean, snapshot: LegacyClientSnapshot | null): Promise<void> {
    await executorOf(this.pool).query(
      `INSERT INTO legacy_client_keys (no_client, client_id, last_lsn, deleted, legacy_row) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (no_client) DO UPDATE SET last_lsn = EXCLUDED.last_lsn, deleted = EXCLUDED.deleted,
         legacy_row = COALESCE(EXCLUDED.legacy_row, legacy_client_keys.legacy_row), updated_at = now()
       WHERE legacy_client_keys.last_lsn < EXCLUDED.last_lsn`,
      [noClient, clientId, lsn, deleted, snapshot === null ? null : JSON.stringify(snapshot)],
    );
  }
}
