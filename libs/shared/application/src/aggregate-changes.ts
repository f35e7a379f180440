import { ConcurrencyError, NotFoundError } from '@bascule/shared/ddd';
import { AggregateRef, AnyAggregate } from './aggregate';
import { AggregateCommand } from './aggregate-command';
import { AggregateRepository } from './aggregate-repository.port';
import { CommandMetadata } from './command-metadata';

export interface AggregateKind {
  /** The aggregate's name in errors (`client`). */
  name: string;
  notFound: (id: string) => NotFoundError;
}

/**
 * The load → check version → change → save sequence every command on an existing aggregate shares.
 * A change that records no event saves nothing: a replayed or echoed change converges to a no-op.
 */
export class AggregateChanges<A extends AnyAggregate> {
  constructor(
    private readonly repository: AggregateRepository<A>,
    private readonly kind: AggregateKind,
  ) {}

  async apply(command: AggregateCommand<unknown>, change: (aggregate: A) => void): Promise<AggregateRef> {
    const { aggregateId: id, expectedVersion, metadata } = command.target;
    const aggregate = await this.repository.findById(id);
    if (!aggregate) throw this.kind.notFound(id);
    if (expectedVersion !== undefined && expectedVersion !== aggregate.version) {
      throw new ConcurrencyError(this.kind.name, id, expectedVersion, aggregate.version);
    }
    change(aggregate);
    return this.save(aggregate, metadata);
  }

  /** Saves a new aggregate, or one changed by the caller, when it recorded events. */
  async save(aggregate: A, metadata: CommandMetadata): Promise<AggregateRef> {
    if (aggregate.pendingEvents.length > 0) await this.repository.save(aggregate, metadata);
    return { id: aggregate.id.value, version: aggregate.version };
  }
}
