import { executorOf } from '@bascule/shared/persistence';
import { Pool } from 'pg';

/** For a context's migration: the highest legacy position applied, one row per captured topic (ADR 0035). */
export const sourcePositionsTableUp = [
  `CREATE TABLE IF NOT EXISTS legacy_source_positions (
     topic        text PRIMARY KEY,
     highest_lsn  bigint NOT NULL,
     updated_at   timestamptz NOT NULL DEFAULT now()
   )`,
];

/** The highest legacy LSN a topic's sync applied, in the context's database; joins the caller's transaction. */
export class SourcePositions {
  constructor(
    private readonly pool: Pool,
    readonly topic: string,
  ) {}

  async highest(): Promise<number | undefined> {
    const [row] = await executorOf(this.pool).query<{ highest_lsn: string }>(
      'SELECT highest_lsn FROM legacy_source_positions WHERE topic = $1',
      [this.topic],
    );
    return row ? Number(row.highest_lsn) : undefined;
  }

  /** Never lowers it. Written last in the transaction: the row lock is the last one it takes. */
  async advance(lsn: number): Promise<void> {
    await executorOf(this.pool).query(
      `INSERT INTO legacy_source_positions (topic, highest_lsn) VALUES ($1, $2)
       ON CONFLICT (topic) DO UPDATE SET highest_lsn = EXCLUDED.highest_lsn, updated_at = now()
       WHERE legacy_source_positions.highest_lsn < EXCLUDED.highest_lsn`,
      [this.topic, lsn],
    );
  }

  /** The re-snapshot procedure's reset (docs/runbooks/legacy-capture.md), outside any transaction of the sync. */
  async forget(): Promise<void> {
    await this.pool.query('DELETE FROM legacy_source_positions WHERE topic = $1', [this.topic]);
  }
}
