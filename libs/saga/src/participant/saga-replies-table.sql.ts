/**
 * A participant's answer to each saga command it handled, by command id, kept as the envelope it sent: a repeated
 * delivery of the command (its inbox row already there) is answered with it again rather than worked out again
 * (a refusal's details, such as the lines short, describe the stock at the time of the first answer).
 */
export const sagaRepliesTableUp = [
  `CREATE TABLE IF NOT EXISTS saga_replies (
     command_id  uuid PRIMARY KEY,
     saga_id     text NOT NULL,
     reply       json NOT NULL,
     answered_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX IF NOT EXISTS saga_replies_answered_at ON saga_replies USING brin (answered_at)`,
];

export const sagaRepliesTableDown = [`DROP TABLE IF EXISTS saga_replies`];

/**
 * A command a participant cannot answer yet (ADR 0070) is kept in the same table, without a reply: what it waits for
 * and the command itself, to be run again when the context learns it. `answered_at` is then when it was deferred, so
 * the retention that purges replies purges a command never resumed too.
 */
export const sagaDeferredCommandsUp = [
  `ALTER TABLE saga_replies ALTER COLUMN reply DROP NOT NULL`,
  `ALTER TABLE saga_replies ADD COLUMN IF NOT EXISTS waits_for text`,
  `ALTER TABLE saga_replies ADD COLUMN IF NOT EXISTS command json`,
  `CREATE INDEX IF NOT EXISTS saga_replies_waiting ON saga_replies (waits_for) WHERE waits_for IS NOT NULL`,
];

export const sagaDeferredCommandsDown = [
  `DELETE FROM saga_replies WHERE reply IS NULL`,
  `DROP INDEX IF EXISTS saga_replies_waiting`,
  `ALTER TABLE saga_replies DROP COLUMN IF EXISTS command`,
  `ALTER TABLE saga_replies DROP COLUMN IF EXISTS waits_for`,
  `ALTER TABLE saga_replies ALTER COLUMN reply SET NOT NULL`,
];
