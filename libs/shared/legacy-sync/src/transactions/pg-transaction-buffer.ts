import { RetentionRule } from '@bascule/shared/messaging';
import { executorOf } from '@bascule/shared/persistence';
import { Pool } from 'pg';
import { bufferTableNames, TransactionBufferTables } from './transaction-buffer-tables';
import { DEFAULT_RELEASED_RETENTION_MS } from './transaction-buffer.settings';
import { renumberedTransactions } from './transaction-buffer-metrics';
import { RecordedEnd, transactionCompleteness } from './transaction-grouping';

/** A captured change of a legacy transaction as it came from Kafka, kept until its transaction is complete. */
export interface BufferedChange {
  transactionId: string;
  /** The legacy table (`LIGNES_COMMANDE`). */
  table: string;
  /**
   * Its place in its transaction (Debezium's `total_order`), the key it is buffered under: the lsn is not
   * unique, a primary-key update being a delete and a create from one log record.
   */
  order: number;
  lsn: number;
  topic: string;
  /** Where it was read (null when the consumer does not say). */
  partition: number | null;
  offset: string;
  key: Buffer | null;
  value: Buffer;
}

/** A complete transaction, taken out of the buffer: its changes in its own order (null: a snapshot row, alone). */
export interface ReleasedTransaction {
  transactionId: string | null;
  changes: BufferedChange[];
}

interface ChangeRow {
  tx_id: string;
  source_table: string;
  tx_order: string;
  lsn: string;
  topic: string;
  kafka_partition: number | null;
  kafka_offset: string;
  message_key: Buffer | null;
  message_value: Buffer;
}

/**
 * The buffer of legacy transactions in the context's database (ADR 0031). Every method joins the caller's
 * transaction (the consumer engine's, so the offset is committed after): `releaseComplete` must run in one,
 * since its advisory lock lasts until that transaction ends.
 */
export class PgTransactionBuffer {
  private readonly names: { changes: string; ends: string };

  constructor(
    readonly pool: Pool,
    /** The legacy tables the context consumes: a transaction waits for these only. */
    private readonly tables: readonly string[],
    bufferTables: TransactionBufferTables = {},
    /**
     * How long a released END is remembered: a replay within it is skipped. Past it, the END is purged and
     * its xid (32 bits, it wraps) may be reused by a new transaction, which is buffered and released anew.
     */
    private readonly releasedRetentionMs: number = DEFAULT_RELEASED_RETENTION_MS,
  ) {
    this.names = bufferTableNames(bufferTables);
  }

  /**
   * Serialises the batches of this buffer until the caller's transaction ends. The applier takes it first: a
   * replayed change checked against "already released" before it would miss a release not yet committed, and
   * be inserted once that release's DELETE commits, never to be released nor purged.
   */
  async lock(): Promise<void> {
    const { changes, ends } = this.names;
    await executorOf(this.pool).query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${changes}/${ends}`]);
  }

  /**
   * Buffers changes; one already buffered, or of a transaction already released (a replay), is skipped. Run
   * after `lock()` in the same transaction, else a replay racing a release may stay behind.
   *
   * Resolves with the transactions renumbered: a change at a place (`tx_order`) another change of the transaction
   * holds. Debezium 3.3 does that when its connector restarts in the middle of a transaction (the rest of it numbered
   * from 1 again, its END counting only that rest: debezium/dbz#633); the change is not buffered, so that
   * transaction waits for ever or is released with the wrong rows. Counted in `bascule_legacy_tx_renumbered_total`
   * (README, "Legacy orders": known limits).
   */
  async buffer(changes: readonly BufferedChange[]): Promise<string[]> {
    if (changes.length === 0) return [];
    const { changes: table, ends } = this.names;
    const renumbered = await executorOf(this.pool).query<{ tx_id: string }>(
      `WITH incoming AS (
         SELECT u.* FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::text[], $6::int[], $7::text[], $8::bytea[], $9::bytea[])
           AS u(tx_id, source_table, tx_order, lsn, topic, kafka_partition, kafka_offset, message_key, message_value)
         WHERE NOT EXISTS (SELECT 1 FROM ${ends} e WHERE e.tx_id = u.tx_id AND e.released_at >= now() - $10::interval)
       ), kept AS (
         INSERT INTO ${table} (tx_id, source_table, tx_order, lsn, topic, kafka_partition, kafka_offset, message_key, message_value)
         SELECT * FROM incoming ON CONFLICT DO NOTHING
       )
       SELECT DISTINCT i.tx_id FROM incoming i
       WHERE EXISTS (SELECT 1 FROM ${table} c WHERE c.tx_id = i.tx_id AND c.tx_order = i.tx_order
                       AND (c.lsn, c.source_table) IS DISTINCT FROM (i.lsn, i.source_table))
          OR EXISTS (SELECT 1 FROM incoming j WHERE j.tx_id = i.tx_id AND j.tx_order = i.tx_order
                       AND (j.lsn, j.source_table) IS DISTINCT FROM (i.lsn, i.source_table))`,
      [
        changes.map((c) => c.transactionId),
        changes.map((c) => c.table),
        changes.map((c) => c.order),
        changes.map((c) => c.lsn),
        changes.map((c) => c.topic),
        changes.map((c) => c.partition),
        changes.map((c) => c.offset),
        changes.map((c) => c.key),
        changes.map((c) => c.value),
        this.retention,
      ],
    );
    if (renumbered.length > 0) renumberedTransactions.inc({ buffer: this.name }, renumbered.length);
    return renumbered.map((row) => row.tx_id);
  }

  /**
   * Records transactions' ends, with the counts of the context's tables only; one already recorded is kept,
   * unless released before the retention: its xid has wrapped, the END is a new transaction's.
   */
  async recordEnds(ends: readonly RecordedEnd[]): Promise<void> {
    if (ends.length === 0) return;
    const counts = ends.map((end) =>
      JSON.stringify(Object.fromEntries(this.tables.map((table) => [table, end.counts[table] ?? 0]))),
    );
    await executorOf(this.pool).query(
      `INSERT INTO ${this.names.ends} AS e (tx_id, counts) SELECT * FROM unnest($1::text[], $2::jsonb[])
       ON CONFLICT (tx_id) DO UPDATE SET counts = EXCLUDED.counts, ended_at = now(), released_at = NULL
         WHERE e.released_at < now() - $3::interval`,
      [ends.map((end) => end.transactionId), counts, this.retention],
    );
  }

  /**
   * Marks a released transaction set aside (its releaser refused it; its changes went to the dead-letter
   * topics): it stays released, so a replay is skipped like any other's, and is purged with the others.
   */
  async markSetAside(transactionId: string): Promise<void> {
    await executorOf(this.pool).query(`UPDATE ${this.names.ends} SET set_aside_at = now() WHERE tx_id = $1`, [
      transactionId,
    ]);
  }

  /** The name its metrics are labelled with: its END table. */
  get name(): string {
    return this.names.ends;
  }

  /** How long the oldest transaction ended but not released has waited, in seconds (0 when none waits). */
  async oldestUnreleasedSeconds(): Promise<number> {
    const rows = await executorOf(this.pool).query<{ age: number }>(
      `SELECT coalesce(extract(epoch FROM now() - min(ended_at)), 0)::float8 AS age FROM ${this.names.ends}
       WHERE released_at IS NULL`,
    );
    return rows[0].age;
  }

  /**
   * The transactions waiting to be released, whatever they wait for (changes buffered without their END, an
   * END whose changes did not all come), and how long the oldest has waited, in seconds (0 when none waits).
   */
  async waiting(): Promise<{ transactions: number; oldestSeconds: number }> {
    const { changes, ends } = this.names;
    const [row] = await executorOf(this.pool).query<{ transactions: number; oldest: number }>(
      `SELECT count(DISTINCT tx_id)::int AS transactions,
              coalesce(extract(epoch FROM now() - min(since)), 0)::float8 AS oldest
         FROM (SELECT tx_id, buffered_at AS since FROM ${changes}
               UNION ALL SELECT tx_id, ended_at FROM ${ends} WHERE released_at IS NULL) AS waiting`,
    );
    return { transactions: row.transactions, oldestSeconds: row.oldest };
  }

  /** What the retention purge deletes: released ENDs past the retention (unreleased ones are never purged). */
  purgeRule(): RetentionRule {
    return { table: this.names.ends, column: 'released_at', retentionMs: this.releasedRetentionMs };
  }

  private get retention(): string {
    return `${this.releasedRetentionMs} milliseconds`;
  }

  /**
   * Takes the complete transactions out of the buffer (marked released, their changes deleted and returned).
   * Serialised per buffer by the advisory lock (taken again if the caller did not): a batch waits for another's
   * commit and then sees its rows, so a transaction completed by two batches at once is released by the later
   * one, never by neither.
   */
  async releaseComplete(): Promise<ReleasedTransaction[]> {
    const sql = executorOf(this.pool);
    const { changes, ends } = this.names;
    await this.lock();
    const waiting = await sql.query<{ tx_id: string; counts: Record<string, number> }>(
      `SELECT tx_id, counts FROM ${ends} WHERE released_at IS NULL ORDER BY ended_at, tx_id`,
    );
    if (waiting.length === 0) return [];
    const buffered = await sql.query<{ tx_id: string; source_table: string; n: number }>(
      `SELECT tx_id, source_table, count(*)::int AS n FROM ${changes} WHERE tx_id = ANY($1) GROUP BY 1, 2`,
      [waiting.map((end) => end.tx_id)],
    );
    const countsOf = (transactionId: string) =>
      Object.fromEntries(buffered.filter((row) => row.tx_id === transactionId).map((row) => [row.source_table, row.n]));
    const complete = waiting
      .filter(
        (end) =>
          transactionCompleteness(
            { transactionId: end.tx_id, counts: end.counts },
            countsOf(end.tx_id),
            this.tables,
          ) === 'complete',
      )
      .map((end) => end.tx_id);
    if (complete.length === 0) return [];
    await sql.query(`UPDATE ${ends} SET released_at = now() WHERE tx_id = ANY($1)`, [complete]);
    const taken = await sql.query<ChangeRow>(`DELETE FROM ${changes} WHERE tx_id = ANY($1) RETURNING *`, [complete]);
    return complete.map((transactionId) => ({
      transactionId,
      changes: taken
        .filter((row) => row.tx_id === transactionId)
        .map((row) => ({
          transactionId,
          table: row.source_table,
          order: Number(row.tx_order),
          lsn: Number(row.lsn),
          topic: row.topic,
          partition: row.kafka_partition,
          offset: row.kafka_offset,
          key: row.message_key,
          value: row.message_value,
        }))
        .sort((a, b) => a.order - b.order),
    }));
  }
}
