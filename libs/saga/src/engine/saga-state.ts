/**
 * RUNNING goes forward, COMPENSATING undoes; COMPLETED and COMPENSATED are final; NEEDS_ATTENTION can neither go
 * on nor compensate by itself (the reason says why) and waits for an admin's `retry` or `compensate`.
 */
export type SagaStatus = 'RUNNING' | 'COMPENSATING' | 'COMPLETED' | 'COMPENSATED' | 'NEEDS_ATTENTION';

export const ACTIVE_STATUSES: readonly SagaStatus[] = ['RUNNING', 'COMPENSATING'];
export const FINAL_STATUSES: readonly SagaStatus[] = ['COMPLETED', 'COMPENSATED'];

export type SagaPhase = 'forward' | 'compensation';

/** What happened to a step, when: the saga's history, appended to and never rewritten. */
export interface SagaHistoryEntry {
  at: string;
  step: string | null;
  phase: SagaPhase;
  attempt: number;
  event:
    | 'started'
    | 'command-sent'
    | 'succeeded'
    | 'refused'
    | 'timed-out'
    | 'retry-scheduled'
    | 'passed'
    | 'compensation-started'
    | 'needs-attention'
    | 'admin-retry'
    | 'admin-compensate'
    | 'completed'
    | 'compensated';
  commandId?: string;
  commandType?: string;
  /** What caused the command sent (`command-sent`): a resend carries it again. */
  causationId?: string;
  replyId?: string;
  replyType?: string;
  detail?: string;
}

/** One saga instance as stored: where it is, what it waits for and until when, its data and history. */
export interface SagaState<D = unknown> {
  id: string;
  type: string;
  status: SagaStatus;
  phase: SagaPhase;
  /** The step it is at (forward) or undoing (compensation). */
  stepIndex: number;
  currentStep: string | null;
  attempt: number;
  /** The commands sent for this step and phase, one per attempt (the latest last): a reply must answer one. */
  commandIds: string[];
  /** A reply to the last command, or the moment to send it again; null once the saga waits for nothing. */
  waitingFor: 'reply' | 'retry' | null;
  deadlineAt: string | null;
  correlationId: string;
  data: D;
  history: SagaHistoryEntry[];
  attentionReason: string | null;
  version: number;
  startedAt: string;
  updatedAt: string;
  endedAt: string | null;
}
