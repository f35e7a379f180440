/** A legacy row's key: an integer (`NO_CLIENT`) or a text (`REF_ARTICLE`). */
export type LegacyKey = number | string;

/**
 * One captured change of one legacy row: what the anti-corruption layer decodes from the capture (Debezium's
 * envelope) and the sync engine applies.
 */
export interface CapturedChange<Row, K extends LegacyKey = LegacyKey> {
  /** A delete: `row` is the row as it was before. */
  deleted: boolean;
  key: K;
  row: Row;
  /** Position in the source's log: orders one key's changes; a change at or below a key's last applied one is a replay. */
  lsn: number;
  txId: number | null;
  /** The key of its transaction (the xid) when the connector provides transaction metadata; absent from snapshot rows. */
  transactionId?: string | null;
  /**
   * Its place in its transaction (Debezium's `transaction.total_order`): unique there, unlike the lsn, which a
   * primary-key update shares between the delete and the create it becomes.
   */
  transactionOrder?: number | null;
  /** When the source committed it (ms): the start of the lag. */
  committedAtMs: number;
}
