import { SagaHistoryEntry, SagaState } from '@bascule/saga';
import { SagaStepView, SagaView } from './saga.schemas';

const OUTCOMES: Partial<Record<SagaHistoryEntry['event'], SagaStepView['outcome']>> = {
  succeeded: 'succeeded',
  refused: 'refused',
  'timed-out': 'no-reply',
  passed: 'passed',
  'needs-attention': 'needs-attention',
};

/** A saga as the API shows it: where it is, and each step it reached, in each direction, with its outcome and timing. */
export function sagaView(saga: SagaState): SagaView {
  return {
    id: saga.id,
    type: saga.type,
    status: saga.status,
    orderId: (saga.data as { orderId: string }).orderId,
    correlationId: saga.correlationId,
    currentStep: saga.currentStep,
    phase: saga.phase,
    attentionReason: saga.attentionReason,
    deadlineAt: saga.deadlineAt,
    startedAt: saga.startedAt,
    updatedAt: saga.updatedAt,
    endedAt: saga.endedAt,
    version: saga.version,
    steps: stepsOf(saga),
  };
}

function stepsOf(saga: SagaState): SagaStepView[] {
  const steps = new Map<string, SagaStepView>();
  for (const entry of saga.history) {
    if (!entry.step) continue;
    const key = `${entry.phase}:${entry.step}`;
    const step = steps.get(key) ?? {
      step: entry.step,
      phase: entry.phase,
      outcome: 'in-flight',
      attempts: 0,
      detail: null,
      startedAt: entry.at,
      endedAt: null,
      durationMs: null,
    };
    if (entry.event === 'command-sent') step.attempts += 1;
    const outcome = OUTCOMES[entry.event];
    if (outcome) {
      step.outcome = outcome;
      step.detail = entry.detail ?? null;
      step.endedAt = entry.at;
      step.durationMs = Date.parse(entry.at) - Date.parse(step.startedAt);
    }
    steps.set(key, step);
  }
  const current = steps.get(`${saga.phase}:${saga.currentStep}`);
  // A step timed out and sent again is still in flight while the saga waits on it.
  if (current && saga.waitingFor !== null)
    Object.assign(current, { outcome: 'in-flight', endedAt: null, durationMs: null });
  return [...steps.values()];
}
