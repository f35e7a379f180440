/**
 * One row per saga: where it is, what it waits for and until when (`deadline_at`, read by the durable timer
 * through its partial index), its data and history. Written in the transaction that writes the saga's commands
 * to the outbox, so the two are never out of step.
 */
export const sagasTableUp = [
  `CREATE TABLE IF NOT EXISTS sagas (
     id               uuid PRIMARY KEY,
     type             text NOT NULL,
     status           text NOT NULL CHECK (status IN ('RUNNING', 'COMPENSATING', 'COMPLETED', 'COMPENSATED', 'NEEDS_ATTENTION')),
     phase            text NOT NULL CHECK (phase IN ('forward', 'compensation')),
     step_index       integer NOT NULL,
     current_step     text,
     attempt          integer NOT NULL,
     command_ids      uuid[] NOT NULL,
     waiting_for      text CHECK (waiting_for IN ('reply', 'retry')),
     deadline_at      timestamptz,
     correlation_id   text NOT NULL,
     data             jsonb NOT NULL,
     history          jsonb NOT NULL,
     attention_reason text,
     version          integer NOT NULL,
     started_at       timestamptz NOT NULL,
     updated_at       timestamptz NOT NULL,
     ended_at         timestamptz,
     CHECK ((status IN ('RUNNING', 'COMPENSATING')) = (deadline_at IS NOT NULL)),
     CHECK ((status = 'NEEDS_ATTENTION') = (attention_reason IS NOT NULL))
   )`,
  `CREATE INDEX IF NOT EXISTS sagas_due ON sagas (deadline_at) WHERE deadline_at IS NOT NULL`,
  `CREATE INDEX IF NOT EXISTS sagas_by_status ON sagas (status, started_at)`,
  // Finds a business key's sagas (`data @> '{"orderId": "…"}'`).
  `CREATE INDEX IF NOT EXISTS sagas_by_data ON sagas USING gin (data jsonb_path_ops)`,
];

export const sagasTableDown = [`DROP TABLE IF EXISTS sagas`];
