import { SqlRows } from '@bascule/shared/persistence';
import { SagaState, SagaStatus } from '../engine/saga-state';

const COLUMNS = `id, type, status, phase, step_index, current_step, attempt, command_ids, waiting_for, deadline_at,
  correlation_id, data, history, attention_reason, version, started_at, updated_at, ended_at`;

interface SagaRow {
  id: string;
  type: string;
  status: SagaStatus;
  phase: SagaState['phase'];
  step_index: number;
  current_step: string | null;
  attempt: number;
  command_ids: string[];
  waiting_for: SagaState['waitingFor'];
  deadline_at: Date | null;
  correlation_id: string;
  data: unknown;
  history: SagaState['history'];
  attention_reason: string | null;
  version: number;
  started_at: Date;
  updated_at: Date;
  ended_at: Date | null;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

const stateOf = <D>(row: SagaRow): SagaState<D> => ({
  id: row.id,
  type: row.type,
  status: row.status,
  phase: row.phase,
  stepIndex: row.step_index,
  currentStep: row.current_step,
  attempt: row.attempt,
  commandIds: row.command_ids,
  waitingFor: row.waiting_for,
  deadlineAt: iso(row.deadline_at),
  correlationId: row.correlation_id,
  data: row.data as D,
  history: row.history,
  attentionReason: row.attention_reason,
  version: row.version,
  startedAt: row.started_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
  endedAt: iso(row.ended_at),
});

const valuesOf = (s: SagaState) => [
  s.id,
  s.type,
  s.status,
  s.phase,
  s.stepIndex,
  s.currentStep,
  s.attempt,
  s.commandIds,
  s.waitingFor,
  s.deadlineAt,
  s.correlationId,
  JSON.stringify(s.data),
  JSON.stringify(s.history),
  s.attentionReason,
  s.version,
  s.startedAt,
  s.updatedAt,
  s.endedAt,
];

/** What an admin lists sagas by; every filter is optional. Newest first. */
export interface SagaFilter {
  type?: string;
  status?: SagaStatus;
  /** Started before this instant (sagas stuck for a while). */
  startedBefore?: Date;
  /** Sagas whose data holds these fields with these values (`{ orderId }`). */
  dataContains?: Record<string, unknown>;
  /** Those listed after this saga (the previous page's last id): keyset paging, stable while sagas start. */
  after?: string;
  limit?: number;
}

/** The sagas table, on the caller's transaction (`tx`): every read that precedes a change locks the row. */
export class PgSagaStore {
  /** False when a saga with this id exists already (a start delivered twice starts one saga). */
  async insert(tx: SqlRows, state: SagaState): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO sagas (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      valuesOf(state),
    );
    return rows.length === 1;
  }

  /** Writes the saga's next state over the one it was computed from (`version - 1`). */
  update(tx: SqlRows, state: SagaState): Promise<void> {
    return this.updateAll(tx, [{ state, loadedVersion: state.version - 1 }]);
  }

  /**
   * Writes several sagas' next states in one statement, each over the version it was loaded at (`loadedVersion`):
   * a consumer batch's transitions, written when its unit of work flushes.
   */
  async updateAll(tx: SqlRows, changes: readonly { state: SagaState; loadedVersion: number }[]): Promise<void> {
    if (changes.length === 0) return;
    const rows = await tx.query<{ id: string }>(
      `UPDATE sagas AS s SET status = v.status, phase = v.phase, step_index = v.step_index,
         current_step = v.current_step, attempt = v.attempt, command_ids = v.command_ids, waiting_for = v.waiting_for,
         deadline_at = v.deadline_at, data = v.data, history = v.history, attention_reason = v.attention_reason,
         version = v.version, updated_at = v.updated_at, ended_at = v.ended_at
       FROM json_to_recordset($1::json) AS v(id uuid, type text, status text, phase text, step_index int,
         current_step text, attempt int, command_ids uuid[], waiting_for text, deadline_at timestamptz, data jsonb,
         history jsonb, attention_reason text, version int, updated_at timestamptz, ended_at timestamptz,
         loaded_version int)
       WHERE s.id = v.id AND s.type = v.type AND s.version = v.loaded_version RETURNING s.id`,
      [
        JSON.stringify(
          changes.map(({ state, loadedVersion }) => ({
            id: state.id,
            type: state.type,
            status: state.status,
            phase: state.phase,
            step_index: state.stepIndex,
            current_step: state.currentStep,
            attempt: state.attempt,
            command_ids: state.commandIds,
            waiting_for: state.waitingFor,
            deadline_at: state.deadlineAt,
            data: state.data,
            history: state.history,
            attention_reason: state.attentionReason,
            version: state.version,
            updated_at: state.updatedAt,
            ended_at: state.endedAt,
            loaded_version: loadedVersion,
          })),
        ),
      ],
    );
    if (rows.length === changes.length) return;
    const written = new Set(rows.map((row) => row.id));
    const stale = changes.filter(({ state }) => !written.has(state.id)).map(({ state }) => state.id);
    throw new Error(`${stale.length} saga(s) changed since loaded: ${stale.join(', ')}`);
  }

  /** The saga, its row locked until the transaction ends (a reply and the timer on one saga take turns). */
  async lock<D>(tx: SqlRows, id: string): Promise<SagaState<D> | undefined> {
    const rows = await tx.query<SagaRow>(`SELECT ${COLUMNS} FROM sagas WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] && stateOf<D>(rows[0]);
  }

  /**
   * Sagas whose deadline passed, locked; those another instance holds are skipped (`SKIP LOCKED`), so two
   * orchestrators never fire one deadline twice, and neither waits for the other.
   */
  async lockDue(tx: SqlRows, now: Date, limit: number): Promise<SagaState[]> {
    const rows = await tx.query<SagaRow>(
      `SELECT ${COLUMNS} FROM sagas WHERE deadline_at <= $1 ORDER BY deadline_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map((row) => stateOf(row));
  }

  async find<D>(tx: SqlRows, id: string): Promise<SagaState<D> | undefined> {
    const rows = await tx.query<SagaRow>(`SELECT ${COLUMNS} FROM sagas WHERE id = $1`, [id]);
    return rows[0] && stateOf<D>(rows[0]);
  }

  async list(tx: SqlRows, filter: SagaFilter): Promise<SagaState[]> {
    const rows = await tx.query<SagaRow>(
      `SELECT ${COLUMNS} FROM sagas
        WHERE ($1::text IS NULL OR type = $1) AND ($2::text IS NULL OR status = $2)
          AND ($3::timestamptz IS NULL OR started_at < $3) AND ($4::jsonb IS NULL OR data @> $4)
          AND ($6::uuid IS NULL OR (started_at, id) < (SELECT started_at, id FROM sagas WHERE id = $6))
        ORDER BY started_at DESC, id DESC LIMIT $5`,
      [
        filter.type ?? null,
        filter.status ?? null,
        filter.startedBefore ?? null,
        filter.dataContains ? JSON.stringify(filter.dataContains) : null,
        filter.limit ?? 100,
        filter.after ?? null,
      ],
    );
    return rows.map((row) => stateOf(row));
  }

  /** Sagas not finished, by type: in flight (running or compensating) and needing attention. */
  async unfinished(tx: SqlRows): Promise<{ type: string; inFlight: number; needingAttention: number }[]> {
    const rows = await tx.query<{ type: string; in_flight: string; needing_attention: string }>(
      `SELECT type, count(*) FILTER (WHERE status <> 'NEEDS_ATTENTION') AS in_flight,
              count(*) FILTER (WHERE status = 'NEEDS_ATTENTION') AS needing_attention
         FROM sagas WHERE status IN ('RUNNING', 'COMPENSATING', 'NEEDS_ATTENTION') GROUP BY type`,
    );
    return rows.map((r) => ({
      type: r.type,
      inFlight: Number(r.in_flight),
      needingAttention: Number(r.needing_attention),
    }));
  }
}
