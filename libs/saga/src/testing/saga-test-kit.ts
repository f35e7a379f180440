import { randomUUID } from 'node:crypto';
import { EventContract, EventEnvelope, PayloadOf } from '@bascule/shared/contracts';
import { FixedClock } from '@bascule/shared/ddd';
import { SagaDefinition } from '../definition/saga-definition';
import { SAGA_AGGREGATE_TYPE, sagaReply } from '../engine/saga-messages';
import { SagaState, SagaStatus } from '../engine/saga-state';
import { SagaTransitions, Transition } from '../engine/saga-transitions';

/**
 * A saga on virtual time, as Temporal's time-skipping environment runs a workflow: start it (or give it a stored
 * state), deliver replies, move the clock past timeouts and backoffs (every deadline due fires, in order, at its
 * own instant), and check the commands it sends. The engine's own transitions, with no database and no broker:
 * a spec of a saga definition runs in milliseconds. Jitter is off, so backoffs are exact.
 */
export class SagaTestKit<D> {
  readonly clock: FixedClock;
  private readonly transitions: SagaTransitions<D>;
  private current?: SagaState<D>;
  /** Commands sent and not yet taken by an expectation. */
  private unchecked: EventEnvelope[] = [];
  /** Every command sent, in order. */
  readonly sent: EventEnvelope[] = [];

  constructor(definition: SagaDefinition<D>, now = new Date('2026-01-01T00:00:00Z')) {
    this.clock = new FixedClock(now);
    this.transitions = new SagaTransitions(definition, { random: () => 1 });
  }

  get state(): SagaState<D> {
    if (!this.current) throw new Error('no saga yet: start one or give a state');
    return this.current;
  }

  start(data: D, ids: { sagaId?: string; correlationId?: string; causationId?: string } = {}): this {
    const { sagaId = randomUUID(), correlationId = randomUUID(), causationId = null } = ids;
    return this.apply(this.transitions.start({ sagaId, correlationId, causationId, data }, this.clock.now()));
  }

  /** Continues from a stored state (one read from a database, or one another spec reached). */
  given(state: SagaState<D>): this {
    this.current = structuredClone(state);
    return this;
  }

  /** The participant's reply to the command in flight (or, with `to`, to an earlier one: a late, reordered reply). */
  reply<C extends EventContract>(contract: C, payload: PayloadOf<C>, to: EventEnvelope = this.inFlight()): this {
    return this.deliver(
      sagaReply(to, contract, payload, { id: randomUUID(), occurredAt: this.clock.now().toISOString() }),
    );
  }

  /** Delivers a reply envelope as the consumer would (again, for a duplicate); a stale one changes nothing. */
  deliver(reply: EventEnvelope): this {
    const transition = this.transitions.reply(this.state, reply, this.clock.now());
    return transition ? this.apply(transition) : this;
  }

  /** Moves virtual time forward; each deadline due on the way fires at its own instant. */
  advance(ms: number): this {
    const until = this.clock.now().getTime() + ms;
    for (;;) {
      const deadline = this.current?.deadlineAt ? new Date(this.current.deadlineAt).getTime() : Infinity;
      if (deadline > until) break;
      this.clock.advance(Math.max(0, deadline - this.clock.now().getTime()));
      const transition = this.transitions.deadline(this.state, this.clock.now());
      if (!transition) break;
      this.apply(transition);
    }
    this.clock.advance(until - this.clock.now().getTime());
    return this;
  }

  adminRetry(): this {
    return this.apply(this.transitions.retry(this.state, this.clock.now()));
  }

  adminCompensate(): this {
    return this.apply(this.transitions.compensate(this.state, this.clock.now()));
  }

  /** The commands sent since the last expectation, taken without a check. */
  takeCommands(): EventEnvelope[] {
    const taken = this.unchecked;
    this.unchecked = [];
    return taken;
  }

  /** Takes the commands sent since the last expectation and checks their types, in order. */
  expectCommands(...types: string[]): EventEnvelope[] {
    const taken = this.takeCommands();
    const got = taken.map((c) => c.type);
    if (got.join() !== types.join())
      throw new Error(`expected commands [${types.join(', ')}], got [${got.join(', ')}] (saga ${this.describe()})`);
    return taken;
  }

  expectNoCommand(): this {
    this.expectCommands();
    return this;
  }

  expectStatus(status: SagaStatus): this {
    if (this.state.status !== status) throw new Error(`expected ${status}, saga ${this.describe()}`);
    return this;
  }

  /** The command the saga waits on a reply to (from a given state, rebuilt from what the state keeps of it). */
  inFlight(): EventEnvelope {
    const { state } = this;
    const id = state.commandIds.at(-1);
    if (!id || state.waitingFor === null) throw new Error(`no command in flight (saga ${this.describe()})`);
    return this.sent.find((c) => c.id === id) ?? this.rebuilt(id);
  }

  private rebuilt(id: string): EventEnvelope {
    const { state } = this;
    const step = this.transitions.definition.steps[state.stepIndex];
    const invocation = state.phase === 'forward' ? step.invoke : step.compensate;
    if (!invocation) throw new Error(`step ${step.name} sends nothing in ${state.phase}`);
    const { command } = invocation;
    return {
      id,
      type: command.type,
      version: command.version,
      aggregateType: SAGA_AGGREGATE_TYPE,
      aggregateId: state.id,
      aggregateVersion: state.version,
      occurredAt: state.updatedAt,
      correlationId: state.correlationId,
      causationId: null,
      originSystem: 'cloud',
      payload: {},
    };
  }

  private apply(transition: Transition<D>): this {
    this.current = transition.state;
    this.sent.push(...transition.commands);
    this.unchecked.push(...transition.commands);
    return this;
  }

  private describe(): string {
    const s = this.current;
    if (!s) return 'not started';
    const reason = s.attentionReason ? `: ${s.attentionReason}` : '';
    return `${s.status} at ${s.currentStep ?? '-'} (${s.phase}, attempt ${s.attempt})${reason}`;
  }
}
