import { Pool } from 'pg';
import { ContractRegistry, EventEnvelope } from '@bascule/shared/contracts';
import { Clock, systemClock } from '@bascule/shared/ddd';
import { executorOf, inTransaction, OutboxWriter, SqlRows, unitOfWorkOver } from '@bascule/shared/persistence';
import { AnySagaDefinition, SagaDefinition, sagaContracts } from '../definition/saga-definition';
import { SagaNotFoundError } from '../engine/saga-errors';
import { SagaState } from '../engine/saga-state';
import { SagaStart, SagaTransitions, Transition, TransitionOptions } from '../engine/saga-transitions';
import { prometheusSagaMetrics, SagaMetrics } from '../metrics/saga-metrics';
import { PgSagaStore, SagaFilter } from '../postgres/pg-saga-store';
import { SagaBatch } from './saga-batch';

export interface SagaOrchestratorOptions extends TransitionOptions {
  clock?: Clock;
  metrics?: SagaMetrics;
  /** Contracts beyond the sagas' own commands and replies (none needed by default). */
  contracts?: ContractRegistry;
}

/**
 * Runs sagas on PostgreSQL: each transition (start, reply, deadline, admin) loads the saga with its row locked,
 * computes the next state with the engine's pure transitions, and writes that state and the commands it sends
 * (through the outbox) in ONE transaction. Inside a transaction already open on the same pool (the reply
 * consumer's inbox transaction) it joins it, so the reply's inbox row commits with them too; in its unit of work,
 * the batch's sagas are written in one statement at the end (`SagaBatch`). Whatever stops the process, the stored
 * state is where the next instance resumes.
 */
export class SagaOrchestrator {
  private readonly transitions = new Map<string, SagaTransitions<unknown>>();
  private readonly store = new PgSagaStore();
  private readonly outbox: OutboxWriter;
  private readonly clock: Clock;
  private readonly metrics: SagaMetrics;

  constructor(
    private readonly pool: Pool,
    definitions: readonly AnySagaDefinition[],
    options: SagaOrchestratorOptions = {},
  ) {
    for (const definition of definitions)
      this.transitions.set(definition.type, new SagaTransitions<unknown>(definition, options));
    this.outbox = new OutboxWriter(options.contracts ?? new ContractRegistry(sagaContracts(definitions)));
    this.clock = options.clock ?? systemClock;
    this.metrics = options.metrics ?? prometheusSagaMetrics;
    this.metrics.watch(() => this.store.unfinished(executorOf(this.pool)));
  }

  /** Starts a saga, once: a start with an id already taken returns the saga as it is and sends nothing. */
  async start<D>(definition: SagaDefinition<D>, start: SagaStart<D>): Promise<SagaState<D>> {
    const transition = this.of(definition.type).start(start, this.clock.now());
    const inserted = await inTransaction(this.pool, async (tx) => {
      if (!(await this.store.insert(tx, transition.state))) return false;
      await this.outbox.append(tx, transition.commands);
      return true;
    });
    if (!inserted) return this.find<D>(start.sagaId);
    this.metrics.transitioned(undefined, transition.state);
    return transition.state as SagaState<D>;
  }

  /** A participant's reply (the saga's id is its key, `aggregateId`); one that answers nothing awaited changes nothing. */
  async handleReply(reply: EventEnvelope): Promise<SagaState | undefined> {
    return this.change(reply.aggregateId, (transitions, saga) => {
      const transition = transitions.reply(saga, reply, this.clock.now());
      if (!transition) this.metrics.staleReply(saga.type);
      return transition;
    });
  }

  /** Fires up to `limit` deadlines that are due (a timeout, the end of a backoff); returns how many it fired. */
  async fireDue(limit = 100): Promise<number> {
    const now = this.clock.now();
    const fired = await inTransaction(this.pool, async (tx) => {
      const due = await this.store.lockDue(tx, now, limit);
      const changes: [SagaState, SagaState][] = [];
      for (const saga of due) {
        const transition = this.of(saga.type).deadline(saga, now);
        if (transition) changes.push([saga, await this.save(tx, transition)]);
      }
      return changes;
    });
    fired.forEach(([before, after]) => this.metrics.transitioned(before, after));
    return fired.length;
  }

  /** Admin: sends again the command a saga needing attention stopped at. */
  retry(id: string): Promise<SagaState> {
    return this.changed(id, (transitions, saga) => transitions.retry(saga, this.clock.now()));
  }

  /** Admin: undoes, in reverse, what a saga needing attention did before its pivot. */
  compensate(id: string): Promise<SagaState> {
    return this.changed(id, (transitions, saga) => transitions.compensate(saga, this.clock.now()));
  }

  async find<D = unknown>(id: string): Promise<SagaState<D>> {
    const saga = await this.store.find<D>(executorOf(this.pool), id);
    if (!saga) throw new SagaNotFoundError(id);
    return saga;
  }

  list(filter: SagaFilter = {}): Promise<SagaState[]> {
    return this.store.list(executorOf(this.pool), filter);
  }

  private async changed(
    id: string,
    next: (transitions: SagaTransitions<unknown>, saga: SagaState) => Transition<unknown>,
  ): Promise<SagaState> {
    return (await this.change(id, next)) as SagaState;
  }

  private async change(
    id: string,
    next: (transitions: SagaTransitions<unknown>, saga: SagaState) => Transition<unknown> | undefined,
  ): Promise<SagaState | undefined> {
    const result = await inTransaction(this.pool, async (tx) => {
      // In a consumer's batch, its sagas' states are written together when the batch's unit of work flushes.
      const batch = unitOfWorkOver(tx)?.participant('saga-batch', () => new SagaBatch(this.store));
      const saga = batch?.latest(id) ?? (await this.store.lock(tx, id));
      if (!saga) throw new SagaNotFoundError(id);
      const transition = next(this.of(saga.type), saga);
      if (!transition) return undefined;
      if (!batch) return [saga, await this.save(tx, transition)] as const;
      batch.record(saga, transition.state);
      await this.outbox.append(tx, transition.commands);
      return [saga, transition.state] as const;
    });
    if (!result) return undefined;
    this.metrics.transitioned(result[0], result[1]);
    return result[1];
  }

  private async save(tx: SqlRows, { state, commands }: Transition<unknown>): Promise<SagaState> {
    await this.store.update(tx, state);
    await this.outbox.append(tx, commands);
    return state;
  }

  private of(type: string): SagaTransitions<unknown> {
    const transitions = this.transitions.get(type);
    if (!transitions) throw new Error(`no saga definition of type ${type}`);
    return transitions;
  }
}
