import { sourcePositionsTableUp } from '../source/source-positions';

/** Where a context buffers the changes of legacy transactions until each is complete (ADR 0031); its own names. */
export interface TransactionBufferTables {
  /** Default `legacy_tx_changes`. */
  changes?: string;
  /** Default `legacy_tx_ends`. */
  ends?: string;
}

export const bufferTableNames = ({
  changes = 'legacy_tx_changes',
  ends = 'legacy_tx_ends',
}: TransactionBufferTables = {}) => ({ changes, ends });

/**
 * The statements that make the buffer, for a context's migration, and `legacy_source_positions`, where the group's
 * restore guard keeps the highest position it applied (ADR 0035; already there when the context was made with a
 * legacy table). Idempotent.
 */
export function transactionBufferTablesUp(tables: TransactionBufferTables = {}) {
  const { changes, ends } = bufferTableNames(tables);
  return [
    ...sourcePositionsTableUp,
    `CREATE TABLE IF NOT EXISTS ${changes} (
       tx_id          text NOT NULL,
       source_table   text NOT NULL,
       tx_order       bigint NOT NULL,
       lsn            bigint NOT NULL,
       topic          text NOT NULL,
       kafka_partition integer,
       kafka_offset   text NOT NULL,
       message_key    bytea,
       message_value  bytea NOT NULL,
       buffered_at    timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (tx_id, tx_order)
     )`,
    `CREATE TABLE IF NOT EXISTS ${ends} (
       tx_id        text PRIMARY KEY,
       counts       jsonb NOT NULL,
       ended_at     timestamptz NOT NULL DEFAULT now(),
       released_at  timestamptz,
       set_aside_at timestamptz
     )`,
    `CREATE INDEX IF NOT EXISTS ${ends}_unreleased ON ${ends} (ended_at) WHERE released_at IS NULL`,
  ];
}
