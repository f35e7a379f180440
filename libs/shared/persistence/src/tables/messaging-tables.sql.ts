/**
 * The outbox and inbox tables, created in each context's own database (`PlatformTables`). The outbox keeps
 * the columns Debezium's outbox EventRouter reads (`id`, `aggregatetype`, `aggregateid`, `type`, `payload`),
 * so production may relay with Debezium. Every statement is idempotent: the client context's first migrations
 * created these tables before they were the platform's, and its databases must migrate as new ones do.
 */
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
  `CREATE TABLE IF NOT EXISTS inbox (
     consumer      text NOT NULL,
     event_id      uuid NOT NULL,
     event_type    text NOT NULL,
     processed_at  timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (consumer, event_id)
   )`,
  `CREATE INDEX IF NOT EXISTS inbox_processed_at ON inbox (processed_at)`,
];

export const messagingTablesDown = [
  `DROP TABLE IF EXISTS inbox`,
  `DROP TRIGGER IF EXISTS outbox_notify ON outbox`,
  `DROP FUNCTION IF EXISTS outbox_notify()`,
  `DROP TABLE IF EXISTS outbox`,
];

/** Erasure finds an aggregate's outbox rows by id (ADR 0007). */
export const outboxAggregateIndexUp = [`CREATE INDEX IF NOT EXISTS outbox_aggregate ON outbox (aggregateid)`];
export const outboxAggregateIndexDown = [`DROP INDEX IF EXISTS outbox_aggregate`];
