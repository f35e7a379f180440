import { ParticipantInvocation } from './participant-invocation';

/**
 * Eventuate's step kinds. Compensatable: undone by its compensation when a later step fails. Pivot: the point of
 * no return; once it succeeded, the saga only goes forward. Retriable: after the pivot, sent again until it
 * succeeds, never compensated.
 */
export type StepKind = 'compensatable' | 'pivot' | 'retriable';

export interface SagaStep<D> {
  readonly name: string;
  readonly kind: StepKind;
  /** What the step asks a participant to do; none for a step that only has a compensation (reject the order). */
  readonly invoke?: ParticipantInvocation<D>;
  /** What undoes it, declared beside it; compensatable steps only. */
  readonly compensate?: ParticipantInvocation<D>;
}

/** A step a later failure undoes (its compensation runs, in reverse order of the steps). */
export function compensatable<D>(
  name: string,
  step: { invoke?: ParticipantInvocation<D>; compensate?: ParticipantInvocation<D> },
): SagaStep<D> {
  if (!step.invoke && !step.compensate) throw new Error(`step ${name} neither invokes nor compensates`);
  return { name, kind: 'compensatable', ...step };
}

/** The go/no-go step: when it succeeds, the saga is committed to finishing. */
export function pivot<D>(name: string, step: { invoke: ParticipantInvocation<D> }): SagaStep<D> {
  return { name, kind: 'pivot', invoke: step.invoke };
}

/** A step after the pivot: retried (with a capped backoff) until it succeeds, never compensated. */
export function retriable<D>(name: string, step: { invoke: ParticipantInvocation<D> }): SagaStep<D> {
  return { name, kind: 'retriable', invoke: step.invoke };
}
