import { AnyAggregate } from './aggregate';
import { CommandMetadata } from './command-metadata';

/** The port every aggregate is loaded and saved through. */
export interface AggregateRepository<A extends AnyAggregate> {
  findById(id: string): Promise<A | undefined>;
  /**
   * Saves the aggregate and its pending events (outbox) in one transaction, then clears them. Throws
   * ConcurrencyError when the stored version moved since loading, and the context's own errors for its
   * unique rules.
   */
  save(aggregate: A, metadata: CommandMetadata): Promise<void>;
}
