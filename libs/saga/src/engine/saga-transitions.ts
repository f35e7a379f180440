import { randomUUID } from 'node:crypto';
import { EventEnvelope } from '@bascule/shared/contracts';
import { SagaDefinition } from '../definition/saga-definition';
import { PendingTransition } from './pending-transition';
import { SagaNotCompensatableError, SagaNotStuckError } from './saga-errors';
import { ACTIVE_STATUSES, SagaState } from './saga-state';

/** A saga's next state and the commands to send with it: both commit in one transaction, or neither. */
export interface Transition<D> {
  state: SagaState<D>;
  commands: EventEnvelope[];
}

export interface SagaStart<D> {
  sagaId: string;
  correlationId: string;
  /** The event or request that started the saga: the first commands' causation. */
  causationId: string | null;
  data: D;
}

export interface TransitionOptions {
  newId?: () => string;
  /** Jitter of the retry backoff; the test kit passes `() => 1` (the full step) for exact times. */
  random?: () => number;
}

/**
 * The engine's rules, pure: a state and what happened (start, reply, deadline, admin) → the next state and the
 * commands to send. No I/O and no clock of its own, so the PostgreSQL orchestrator and the virtual-time test kit
 * run the very same code. A reply that answers no command the saga waits on (a duplicate, a reply to an earlier
 * step, one that arrives after the saga moved on) gives no transition: nothing changes.
 */
export class SagaTransitions<D> {
  private readonly newId: () => string;
  private readonly random: () => number;

  constructor(
    readonly definition: SagaDefinition<D>,
    options: TransitionOptions = {},
  ) {
    this.newId = options.newId ?? randomUUID;
    this.random = options.random ?? Math.random;
  }

  start(start: SagaStart<D>, now: Date): Transition<D> {
    const at = now.toISOString();
    const state: SagaState<D> = {
      id: start.sagaId,
      type: this.definition.type,
      status: 'RUNNING',
      phase: 'forward',
      stepIndex: 0,
      currentStep: null,
      attempt: 0,
      commandIds: [],
      waitingFor: null,
      deadlineAt: null,
      correlationId: start.correlationId,
      data: start.data,
      history: [{ at, step: null, phase: 'forward', attempt: 0, event: 'started' }],
      attentionReason: null,
      version: 0,
      startedAt: at,
      updatedAt: at,
      endedAt: null,
    };
    return this.run(state, now, start.causationId, (t) => t.goForward(0));
  }

  reply(state: SagaState<D>, reply: EventEnvelope, now: Date): Transition<D> | undefined {
    if (!ACTIVE_STATUSES.includes(state.status)) return undefined;
    if (!reply.causationId || !state.commandIds.includes(reply.causationId)) return undefined;
    return this.run(state, now, reply.id, (t) => t.onReply(reply));
  }

  /** Fires the saga's deadline if it is due: a reply that never came, or the end of a retry's backoff. */
  deadline(state: SagaState<D>, now: Date): Transition<D> | undefined {
    if (!ACTIVE_STATUSES.includes(state.status) || !state.deadlineAt) return undefined;
    if (new Date(state.deadlineAt).getTime() > now.getTime()) return undefined;
    return this.run(state, now, state.commandIds.at(-1) ?? null, (t) => t.onDeadline());
  }

  /** Admin: send again the command the saga stopped at (same step, same phase), with a fresh retry budget. */
  retry(state: SagaState<D>, now: Date): Transition<D> {
    if (state.status !== 'NEEDS_ATTENTION') throw new SagaNotStuckError(state.id, state.status);
    return this.run(state, now, state.commandIds.at(-1) ?? null, (t) => t.adminRetry());
  }

  /** Admin: give up going forward and undo what was done, in reverse. Refused once the pivot went through. */
  compensate(state: SagaState<D>, now: Date): Transition<D> {
    if (state.status !== 'NEEDS_ATTENTION') throw new SagaNotStuckError(state.id, state.status);
    if (state.phase === 'compensation')
      throw new SagaNotCompensatableError(state.id, 'it is already compensating; retry the compensation');
    const { pivotIndex } = this.definition;
    if (pivotIndex >= 0 && state.stepIndex > pivotIndex)
      throw new SagaNotCompensatableError(state.id, 'its pivot went through; a saga of its own undoes it');
    return this.run(state, now, state.commandIds.at(-1) ?? null, (t) => t.adminCompensate());
  }

  private run(
    state: SagaState<D>,
    now: Date,
    cause: string | null,
    apply: (t: PendingTransition<D>) => void,
  ): Transition<D> {
    const next: SagaState<D> = structuredClone(state);
    next.version += 1;
    next.updatedAt = now.toISOString();
    const step = new PendingTransition(this.definition, next, now, cause, this.newId, this.random);
    apply(step);
    return { state: next, commands: step.commands };
  }
}
