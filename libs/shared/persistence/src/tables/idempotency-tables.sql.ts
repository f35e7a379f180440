/** The table behind `Idempotency-Key`, created in each context's database (`PlatformTables`); idempotent statements. */
export const idempotencyTableUp = [
  `CREATE TABLE IF NOT EXISTS idempotency_keys (
     scope         text NOT NULL,
     key           text NOT NULL,
     request_hash  text NOT NULL,
     status        integer,
     headers       jsonb,
     body          jsonb,
     created_at    timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (scope, key)
   )`,
  `CREATE INDEX IF NOT EXISTS idempotency_keys_created_at ON idempotency_keys (created_at)`,
];

export const idempotencyTableDown = [`DROP TABLE IF EXISTS idempotency_keys`];

/** Which aggregate a stored answer is about, so erasing it can redact the answer (ADR 0007). */
export const idempotencyAggregateUp = [
  `ALTER TABLE idempotency_keys ADD COLUMN IF NOT EXISTS aggregate_id text`,
  `CREATE INDEX IF NOT EXISTS idempotency_keys_aggregate ON idempotency_keys (aggregate_id) WHERE aggregate_id IS NOT NULL`,
];
export const idempotencyAggregateDown = [`ALTER TABLE idempotency_keys DROP COLUMN IF EXISTS aggregate_id`];

/** Who held a key in progress under the former lease scheme; dropped by `idempotencyPerCallerUp`. */
export const idempotencyLeaseUp = [`ALTER TABLE idempotency_keys ADD COLUMN IF NOT EXISTS lease_id uuid`];
export const idempotencyLeaseDown = [`ALTER TABLE idempotency_keys DROP COLUMN IF EXISTS lease_id`];

/**
 * Keys belong to a caller (token subject and client, ADR 0030), and a key is kept only with its answer, written
 * in the request's own transaction: no lease any more, a crashed request's transaction keeps nothing. Rows
 * from before get the empty caller, which no authenticated caller has; they age out with the retention.
 */
export const idempotencyPerCallerUp = [
  `ALTER TABLE idempotency_keys ADD COLUMN IF NOT EXISTS caller text NOT NULL DEFAULT ''`,
  `ALTER TABLE idempotency_keys ALTER COLUMN caller DROP DEFAULT`,
  `ALTER TABLE idempotency_keys DROP CONSTRAINT IF EXISTS idempotency_keys_pkey`,
  `ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_pkey PRIMARY KEY (caller, scope, key)`,
  `ALTER TABLE idempotency_keys DROP COLUMN IF EXISTS lease_id`,
];

/**
 * GDPR erasure of stored answers, inside the erasing transaction: a replay then gets only the id. The
 * request hash stays (a SHA-256 of the whole body, not reversible without it) so a replay is still recognised.
 */
export async function redactIdempotentAnswers(
  tx: { query(sql: string, parameters?: unknown[]): Promise<unknown> },
  aggregateId: string,
): Promise<void> {
  await tx.query(
    `UPDATE idempotency_keys SET body = jsonb_build_object('id', aggregate_id) WHERE aggregate_id = $1 AND body IS NOT NULL`,
    [aggregateId],
  );
}
