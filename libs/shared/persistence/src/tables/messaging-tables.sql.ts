/**
 * The outbox, inbox and dead-letter bookkeeping tables, created by each context's own migration
 * (`messagingTablesUp`) in its own database. The outbox keeps the columns Debezium's outbox EventRouter
 * reads (`id`, `aggregatetype`, `aggregateid`, `type`, `payload`), so production may relay with Debezium.
 */
export const messagingTablesUp = [
  `CREATE TABLE outbox (
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
  `CREATE INDEX outbox_unsent ON outbox (seq) WHERE sent_at IS NULL`,
  `CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL`,
  `CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN PERFORM pg_notify('outbox', ''); RETURN NULL; END $$`,
  `CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`,
  `CREATE TABLE inbox (
     consumer      text NOT NULL,
     event_id      uuid NOT NULL,
     event_type    text NOT NULL,
     processed_at  timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (consumer, event_id)
   )`,
  `CREATE INDEX inbox_processed_at ON inbox (processed_at)`,
];

export const messagingTablesDown = [
  `DROP TABLE inbox`,
  `DROP TRIGGER outbox_notify ON outbox`,
  `DROP FUNCTION outbox_notify()`,
  `DROP TABLE outbox`,
];
