/** The table behind `Idempotency-Key`, created by each service's own migration. */
export const idempotencyTableUp = [
  `CREATE TABLE idempotency_keys (
     scope         text NOT NULL,
     key           text NOT NULL,
     request_hash  text NOT NULL,
     status        integer,
     headers       jsonb,
     body          jsonb,
     created_at    timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (scope, key)
   )`,
  `CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at)`,
];

export const idempotencyTableDown = [`DROP TABLE idempotency_keys`];
