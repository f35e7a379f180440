import { ConcurrencyError } from '@bascule/shared/ddd';
import { AnyAggregate } from '../aggregate';
import { AggregateRepository } from '../aggregate-repository.port';
import { CommandMetadata } from '../command-metadata';
import { copyAggregate } from './aggregate-copy';

/** A rule across aggregates that the database enforces (a unique email): throws when `candidate` breaks it. */
export type StoreRule<A> = (candidate: A, others: A[]) => void;

/**
 * The repository contract in memory, for handler specs: optimistic versions, the context's store rules,
 * and the events as saved with their metadata. Like a database it hands out and keeps copies: a change made to
 * a loaded aggregate exists only once it is saved, and two loads are two instances.
 */
export class InMemoryAggregateRepository<A extends AnyAggregate> implements AggregateRepository<A> {
  readonly saved: { events: A['pendingEvents']; metadata: CommandMetadata }[] = [];
  private readonly rows = new Map<string, { aggregate: A; version: number }>();

  constructor(private readonly rules: StoreRule<A>[] = []) {}

  async findById(id: string): Promise<A | undefined> {
    const row = this.rows.get(id);
    return row && copyAggregate(row.aggregate);
  }

  async save(aggregate: A, metadata: CommandMetadata): Promise<void> {
    const id = aggregate.id.value;
    const stored = this.rows.get(id)?.version ?? 0;
    if (stored !== aggregate.persistedVersion)
      throw new ConcurrencyError('aggregate', id, aggregate.persistedVersion, stored);
    const others = [...this.rows.values()].map((row) => row.aggregate).filter((other) => other.id.value !== id);
    for (const rule of this.rules) rule(aggregate, others);
    this.saved.push({ events: [...aggregate.pendingEvents], metadata });
    aggregate.clearPendingEvents();
    this.rows.set(id, { aggregate: copyAggregate(aggregate), version: aggregate.version });
  }

  get events(): A['pendingEvents'] {
    return this.saved.flatMap((save) => save.events);
  }

  /** Forgets what was saved so far (the arrangement of a spec), keeping the aggregates. */
  forgetSaved(): void {
    this.saved.length = 0;
  }
}
