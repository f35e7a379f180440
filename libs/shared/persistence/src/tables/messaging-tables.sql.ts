/**
 * The outbox and inbox tables, created in each context's own database (`PlatformTables`). The outbox keeps
 * the columns Debezium's outbox EventRouter reads (`id`, `aggregatetype`, `aggregateid`, `type`, `payload`),
 * so production may relay with Debezium. Every statement is idempotent: the client context's first migrations
 * created these tables before they were the platform's, and its databases must migrate as new ones do.
 */
/**
 * Published rows, kept for inspection until the relay's retention purges them (ADR 0004). The relay moves a row
 * here once Kafka acknowledged it (`DELETE … RETURNING` into an `INSERT`), rather than setting `outbox.sent_at`:
 * an `UPDATE` of `sent_at` cannot be HOT (the column is in the outbox's index predicates) and wrote a new tuple
 * plus an entry in every outbox index per row; a delete only stamps the old tuple. No primary key: nothing
 * looks a sent row up by `seq`; the purge reads `sent_at` through a BRIN index (rows arrive in `sent_at` order)
 * and erasure finds an aggregate's rows by `aggregateid` (ADR 0007).
 */
export const outboxSentTableUp = [
  `CREATE TABLE IF NOT EXISTS outbox_sent (
     seq            bigint NOT NULL,
     id             uuid NOT NULL,
     aggregatetype  text NOT NULL,
     aggregateid    text NOT NULL,
     type           text NOT NULL,
     version        integer NOT NULL,
     topic          text NOT NULL,
     payload        json NOT NULL,
     headers        json NOT NULL,
     created_at     timestamptz NOT NULL,
     sent_at        timestamptz NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS outbox_sent_sent_at ON outbox_sent USING brin (sent_at)`,
  `CREATE INDEX IF NOT EXISTS outbox_sent_aggregate ON outbox_sent (aggregateid)`,
];

/** Every event recorded, pending or published, one row each (the relay moves a row: it is never in both). */
const outboxColumns =
  'seq, id, aggregatetype, aggregateid, type, version, topic, payload, headers, created_at, sent_at';
export const outboxAllViewUp = `CREATE OR REPLACE VIEW outbox_all AS
   SELECT ${outboxColumns} FROM outbox UNION ALL SELECT ${outboxColumns} FROM outbox_sent`;
export const outboxAllViewDown = 'DROP VIEW IF EXISTS outbox_all';

/** Rows an earlier relay marked sent in place move to `outbox_sent`, where the purge and erasure look for them. */
export const outboxSentRowsMoved = `WITH moved AS (
     DELETE FROM outbox WHERE sent_at IS NOT NULL
     RETURNING seq, id, aggregatetype, aggregateid, type, version, topic, payload, headers, created_at, sent_at)
   INSERT INTO outbox_sent (seq, id, aggregatetype, aggregateid, type, version, topic, payload, headers, created_at, sent_at)
   SELECT * FROM moved`;

/**
 * The inbox's retention purge reads `processed_at` through a BRIN index: rows arrive in `processed_at` order, and
 * a BRIN entry costs nothing per row where a B-tree took an insert per event in every consumer's transaction.
 */
export const inboxProcessedAtIndexUp = [
  `CREATE INDEX IF NOT EXISTS inbox_processed_at_brin ON inbox USING brin (processed_at)`,
];

/** Databases made before the BRIN index had a B-tree on `processed_at`. */
export const inboxProcessedAtBtreeDropped = `DROP INDEX IF EXISTS inbox_processed_at`;

export const messagingTablesUp = [
  `CREATE TABLE IF NOT EXISTS outbox (
     seq            bigserial PRIMARY KEY,
     id             uuid NOT NULL UNIQUE,
     aggregatetype  text NOT NULL,
     aggregateid    text NOT NULL,
     type           text NOT NULL,
     version        integer NOT NULL,
     topic          text NOT NULL,
     payload        json NOT NULL,
     headers        json NOT NULL,
     created_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
     sent_at        timestamptz
   )`,
  `CREATE INDEX IF NOT EXISTS outbox_unsent ON outbox (seq) WHERE sent_at IS NULL`,
  `CREATE INDEX IF NOT EXISTS outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL`,
  `CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN PERFORM pg_notify('outbox', ''); RETURN NULL; END $$`,
  `CREATE OR REPLACE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`,
  ...outboxSentTableUp,
  `CREATE TABLE IF NOT EXISTS inbox (
     consumer      text NOT NULL,
     event_id      uuid NOT NULL,
     event_type    text NOT NULL,
     processed_at  timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (consumer, event_id)
   )`,
  ...inboxProcessedAtIndexUp,
];

export const messagingTablesDown = [
  outboxAllViewDown,
  `DROP TABLE IF EXISTS inbox`,
  `DROP TABLE IF EXISTS outbox_sent`,
  `DROP TRIGGER IF EXISTS outbox_notify ON outbox`,
  `DROP FUNCTION IF EXISTS outbox_notify()`,
  `DROP TABLE IF EXISTS outbox`,
];

/** Erasure finds an aggregate's outbox rows by id (ADR 0007). */
export const outboxAggregateIndexUp = [`CREATE INDEX IF NOT EXISTS outbox_aggregate ON outbox (aggregateid)`];
export const outboxAggregateIndexDown = [`DROP INDEX IF EXISTS outbox_aggregate`];
