/**
 * A context's key map: one row per legacy key with the aggregate it became, the last applied change's
 * position, whether it was deleted, and the row as legacy wrote it. The table is the context's (in its own
 * database); its columns are the platform's, the two key columns named otherwise by the client's, which
 * predates the platform (ADR 0019).
 */
export interface KeyMapTable {
  table: string;
  /** The SQL type of the legacy key. */
  keyType: 'integer' | 'bigint' | 'text';
  /** Default `legacy_key`. */
  keyColumn?: string;
  /** Default `aggregate_id` (uuid). */
  aggregateColumn?: string;
}

/** The statements that make a key map for a new context's migration. */
export function keyMapTableUp({
  table,
  keyType,
  keyColumn = 'legacy_key',
  aggregateColumn = 'aggregate_id',
}: KeyMapTable) {
  return [
    `CREATE TABLE IF NOT EXISTS ${table} (
       ${keyColumn}        ${keyType} PRIMARY KEY,
       ${aggregateColumn}  uuid NOT NULL UNIQUE,
       last_lsn            bigint NOT NULL,
       deleted             boolean NOT NULL DEFAULT false,
       legacy_row          jsonb,
       updated_at          timestamptz NOT NULL DEFAULT now()
     )`,
  ];
}
