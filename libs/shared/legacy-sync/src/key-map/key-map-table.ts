/**
 * A context's key map: one row per legacy key with the aggregate it became, the last applied change's
 * position, whether it was deleted, and the row as legacy wrote it. Several keys may lead to one aggregate
 * (an order's `COMMANDES` row and its `LIGNES_COMMANDE` rows). The table is the context's (in its own
 * database); its columns are the platform's, the two key columns named otherwise by the client's, which
 * predates the platform (ADR 0019).
 */
export interface KeyMapTable {
  table: string;
  /** The SQL type of the legacy key; `text` for a composite key (its canonical encoding, see `compositeLegacyKey`). */
  keyType: 'integer' | 'bigint' | 'text';
  /** Default `legacy_key`. */
  keyColumn?: string;
  /** Default `aggregate_id` (uuid). */
  aggregateColumn?: string;
}

const aggregateIndexUp = (table: string, aggregateColumn: string) =>
  `CREATE INDEX IF NOT EXISTS ${table}_${aggregateColumn} ON ${table} (${aggregateColumn})`;

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
       ${aggregateColumn}  uuid NOT NULL,
       last_lsn            bigint NOT NULL,
       deleted             boolean NOT NULL DEFAULT false,
       legacy_row          jsonb,
       updated_at          timestamptz NOT NULL DEFAULT now()
     )`,
    aggregateIndexUp(table, aggregateColumn),
  ];
}

/**
 * For a key map made when an aggregate had one legacy key (`aggregate_id UNIQUE`): many keys per aggregate,
 * the aggregate still found by an index. Idempotent.
 */
export function keyMapManyKeysPerAggregateUp({ table, aggregateColumn = 'aggregate_id' }: KeyMapTable) {
  return [
    `ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${table}_${aggregateColumn}_key`,
    aggregateIndexUp(table, aggregateColumn),
  ];
}

/** Back to one key per aggregate; fails while an aggregate has several keys (they must be merged first). */
export function keyMapManyKeysPerAggregateDown({ table, aggregateColumn = 'aggregate_id' }: KeyMapTable) {
  return [
    `DROP INDEX IF EXISTS ${table}_${aggregateColumn}`,
    `ALTER TABLE ${table} ADD CONSTRAINT ${table}_${aggregateColumn}_key UNIQUE (${aggregateColumn})`,
  ];
}
