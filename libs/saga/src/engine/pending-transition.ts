import { EventEnvelope } from '@bascule/shared/contracts';
import { backoffDelay } from '@bascule/shared/messaging';
import { ParticipantInvocation, RetryPolicy } from '../definition/participant-invocation';
import { SagaDefinition } from '../definition/saga-definition';
import { SAGA_AGGREGATE_TYPE } from './saga-messages';
import { SagaHistoryEntry, SagaPhase, SagaState } from './saga-state';

/** One transition in the making: mutates its own copy of the state and collects the commands it sends. */
export class PendingTransition<D> {
  readonly commands: EventEnvelope[] = [];

  constructor(
    private readonly definition: SagaDefinition<D>,
    private readonly s: SagaState<D>,
    private readonly now: Date,
    private readonly cause: string | null,
    private readonly newId: () => string,
    private readonly random: () => number,
  ) {}

  goForward(from: number): void {
    for (let i = from; i < this.definition.steps.length; i++) {
      const step = this.definition.steps[i];
      this.at(i, 'forward');
      if (step.invoke) return this.send(step.invoke, 1);
      this.record('passed', { detail: 'nothing to invoke' });
    }
    this.finish('COMPLETED', 'completed');
  }

  goBack(from: number): void {
    for (let i = from; i >= 0; i--) {
      const step = this.definition.steps[i];
      this.at(i, 'compensation');
      if (step.compensate) return this.send(step.compensate, 1);
    }
    this.finish('COMPENSATED', 'compensated');
  }

  onReply(reply: EventEnvelope): void {
    const invocation = this.invocation();
    const handler = invocation.replies[reply.type];
    const seen = { replyId: reply.id, replyType: reply.type };
    if (!handler) return this.needsAttention(`unexpected reply ${reply.type} to ${invocation.command.type}`, seen);
    const result = this.guarded(() => handler(this.s.data, reply.payload), seen);
    if (!result) return;
    const { stepIndex: index, phase } = this.s;
    const kind = this.definition.steps[index].kind;
    if (result.outcome === 'succeeded') {
      this.s.data = result.data;
      this.record('succeeded', seen);
      return phase === 'forward' ? this.goForward(index + 1) : this.goBack(index - 1);
    }
    if (result.data !== undefined) this.s.data = result.data;
    this.record('refused', { ...seen, detail: result.reason });
    if (phase === 'compensation')
      return this.needsAttention(`compensation of ${this.s.currentStep} refused: ${result.reason}`);
    if (kind === 'retriable')
      return this.needsAttention(`${this.s.currentStep} refused after the pivot: ${result.reason}`);
    this.beginCompensation(index - 1, `${this.s.currentStep} refused: ${result.reason}`);
  }

  onDeadline(): void {
    const invocation = this.invocation();
    // The same command again, same id: the participant's inbox runs it at most once and answers a repeat with the
    // reply it stored, so a participant that was only slow does its work once.
    if (this.s.waitingFor === 'retry') return this.send(invocation, this.s.attempt + 1, this.s.commandIds.at(-1));
    const policy = this.retryPolicy(invocation);
    this.record('timed-out', { commandId: this.s.commandIds.at(-1) });
    const forever = this.s.phase === 'forward' && this.definition.steps[this.s.stepIndex].kind === 'retriable';
    if (this.s.attempt < policy.maxAttempts || forever) {
      const delay = backoffDelay(this.s.attempt, policy.backoff, this.random);
      this.s.waitingFor = 'retry';
      this.s.deadlineAt = new Date(this.now.getTime() + delay).toISOString();
      return this.record('retry-scheduled', { detail: `in ${delay} ms` });
    }
    const reason = `${this.s.currentStep} got no reply after ${this.s.attempt} attempts`;
    if (this.s.phase === 'compensation') return this.needsAttention(`compensation of ${reason}`);
    // Its outcome is unknown: its own compensation runs too (compensations must accept "nothing to undo").
    this.beginCompensation(this.s.stepIndex, reason);
  }

  adminRetry(): void {
    this.record('admin-retry');
    this.s.status = this.s.phase === 'forward' ? 'RUNNING' : 'COMPENSATING';
    this.s.attentionReason = null;
    this.send(this.invocation(), 1);
  }

  adminCompensate(): void {
    this.record('admin-compensate');
    this.s.attentionReason = null;
    this.beginCompensation(this.s.stepIndex, 'compensation asked by an admin');
  }

  private beginCompensation(from: number, reason: string): void {
    this.s.status = 'COMPENSATING';
    this.record('compensation-started', { detail: reason });
    this.goBack(from);
  }

  /**
   * Sends a step's command. A retry after a timeout sends the same command again (`again`, its id): same id,
   * payload and causation, so the participant's inbox runs it at most once and answers a repeat with the reply it
   * stored. The outbox queues an id once: a resend whose first copy is still unsent adds nothing.
   */
  private send(invocation: ParticipantInvocation<D>, attempt: number, again?: string): void {
    const payload = this.guarded(() => invocation.payload(this.s.data), {});
    if (payload === undefined) return;
    const id = again ?? this.newId();
    const cause = again ? this.causeOf(again) : this.cause;
    this.commands.push(this.envelope(id, cause, invocation, payload));
    this.s.attempt = attempt;
    this.s.commandIds = [id];
    this.s.waitingFor = 'reply';
    const timeoutMs = invocation.timeoutMs ?? this.definition.defaults.timeoutMs;
    this.s.deadlineAt = new Date(this.now.getTime() + timeoutMs).toISOString();
    this.record('command-sent', {
      commandId: id,
      commandType: invocation.command.type,
      ...(cause ? { causationId: cause } : {}),
    });
  }

  /** The causation a command was first sent with, as its history recorded it. */
  private causeOf(commandId: string): string | null {
    return this.s.history.find((h) => h.event === 'command-sent' && h.commandId === commandId)?.causationId ?? null;
  }

  private envelope(
    id: string,
    cause: string | null,
    invocation: ParticipantInvocation<D>,
    payload: unknown,
  ): EventEnvelope {
    return {
      id,
      type: invocation.command.type,
      version: invocation.command.version,
      aggregateType: SAGA_AGGREGATE_TYPE,
      aggregateId: this.s.id,
      aggregateVersion: this.s.version,
      occurredAt: this.now.toISOString(),
      correlationId: this.s.correlationId,
      causationId: cause,
      originSystem: 'cloud',
      payload,
    };
  }

  /** A definition's own code that throws (a payload builder, a reply handler) stops the saga with the reason. */
  private guarded<T>(work: () => T, seen: Partial<SagaHistoryEntry>): T | undefined {
    try {
      return work();
    } catch (error) {
      this.needsAttention(`${this.s.currentStep}: ${(error as Error).message ?? String(error)}`, seen);
      return undefined;
    }
  }

  private invocation(): ParticipantInvocation<D> {
    const step = this.definition.steps[this.s.stepIndex];
    const invocation = this.s.phase === 'forward' ? step.invoke : step.compensate;
    if (!invocation) throw new Error(`saga ${this.s.id}: step ${step.name} has no ${this.s.phase} command`);
    return invocation;
  }

  private retryPolicy(invocation: ParticipantInvocation<D>): RetryPolicy {
    return invocation.retry ?? this.definition.defaults.retry;
  }

  private at(index: number, phase: SagaPhase): void {
    this.s.stepIndex = index;
    this.s.phase = phase;
    this.s.currentStep = this.definition.steps[index].name;
    this.s.attempt = 0;
    this.s.commandIds = [];
  }

  private needsAttention(reason: string, seen: Partial<SagaHistoryEntry> = {}): void {
    this.s.status = 'NEEDS_ATTENTION';
    this.s.attentionReason = reason;
    this.stopWaiting();
    this.record('needs-attention', { ...seen, detail: reason });
  }

  private finish(status: 'COMPLETED' | 'COMPENSATED', event: 'completed' | 'compensated'): void {
    this.s.status = status;
    this.s.endedAt = this.now.toISOString();
    this.s.currentStep = null;
    this.s.commandIds = [];
    this.stopWaiting();
    this.record(event);
  }

  private stopWaiting(): void {
    this.s.waitingFor = null;
    this.s.deadlineAt = null;
  }

  private record(event: SagaHistoryEntry['event'], extra: Partial<SagaHistoryEntry> = {}): void {
    const { currentStep: step, phase, attempt } = this.s;
    this.s.history.push({ at: this.now.toISOString(), step, phase, attempt, event, ...extra });
  }
}
