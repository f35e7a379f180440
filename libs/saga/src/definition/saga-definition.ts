import { EventContract, PayloadOf } from '@bascule/shared/contracts';
import { ParticipantInvocation, RetryPolicy } from './participant-invocation';
import { SagaStep } from './saga-step';

/** The timeout and retries of a participant invocation that does not set its own. */
export interface StepDefaults {
  timeoutMs: number;
  retry: RetryPolicy;
}

export const defaultStepPolicy: StepDefaults = {
  timeoutMs: 10_000,
  retry: { maxAttempts: 3, backoff: { initialMs: 1_000, maxMs: 60_000 } },
};

/** A saga type: its steps in order, each with its participant invocation and compensation side by side. */
export interface SagaDefinition<D> {
  readonly type: string;
  readonly steps: readonly SagaStep<D>[];
  readonly defaults: StepDefaults;
  /** Index of the pivot, or -1 (then every step is compensatable). */
  readonly pivotIndex: number;
}

/** A saga of any data type, as an orchestrator that runs several takes them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each saga has its own data type
export type AnySagaDefinition = SagaDefinition<any>;

/** The saga's data type given once, so that each `participant` and reply handler is typed by it. */
export interface SagaSteps<D> {
  participant<C extends EventContract>(command: C, payload: (data: D) => PayloadOf<C>): ParticipantInvocation<D>;
}

/**
 * Declares a saga. Checked once here: unique step names, at most one pivot, retriable steps only after it (and
 * none before), compensations on compensatable steps only, a reply handler for every command sent.
 */
export function defineSaga<D>(
  type: string,
  build: (saga: SagaSteps<D>) => SagaStep<D>[],
  defaults: Partial<StepDefaults> = {},
): SagaDefinition<D> {
  const steps = build({ participant: (command, payload) => new ParticipantInvocation<D>(command, payload) });
  const pivotIndex = checkedPivot(type, steps);
  return Object.freeze({
    type,
    steps: Object.freeze(steps),
    defaults: { ...defaultStepPolicy, ...defaults },
    pivotIndex,
  });
}

function checkedPivot<D>(type: string, steps: readonly SagaStep<D>[]): number {
  const fail = (why: string) => {
    throw new Error(`saga ${type}: ${why}`);
  };
  if (steps.length === 0) fail('has no step');
  const names = new Set(steps.map((s) => s.name));
  if (names.size < steps.length) fail('two steps share a name');
  const pivots = steps.flatMap((s, i) => (s.kind === 'pivot' ? [i] : []));
  if (pivots.length > 1) fail('has more than one pivot');
  const pivotIndex = pivots[0] ?? -1;
  steps.forEach((step, i) => {
    if (step.kind === 'retriable' && (pivotIndex < 0 || i < pivotIndex))
      fail(`retriable step ${step.name} before the pivot`);
    if (step.kind === 'compensatable' && pivotIndex >= 0 && i > pivotIndex)
      fail(`compensatable step ${step.name} after the pivot`);
    if (step.kind !== 'compensatable' && step.compensate) fail(`${step.kind} step ${step.name} has a compensation`);
    for (const invocation of [step.invoke, step.compensate])
      if (invocation && Object.keys(invocation.replies).length === 0)
        fail(`${invocation.command.type} of step ${step.name} has no reply handler`);
  });
  return pivotIndex;
}

/** Every command a saga sends and every reply it takes, for the contract registry of the orchestrator's outbox and inbox. */
export function sagaContracts(definitions: readonly AnySagaDefinition[]): EventContract[] {
  const contracts = new Map<string, EventContract>();
  for (const { steps } of definitions)
    for (const step of steps)
      for (const invocation of [step.invoke, step.compensate].filter((i) => i !== undefined))
        for (const contract of [invocation.command, ...Object.values(invocation.replyContracts)])
          contracts.set(`${contract.type}@${contract.version}`, contract);
  return [...contracts.values()];
}
