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
