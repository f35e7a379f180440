import { AggregateRef, AnyAggregate } from './aggregate';
import { AggregateChanges } from './aggregate-changes';
import { AggregateCommand } from './aggregate-command';

/**
 * A command handler that changes one aggregate: the subclass says which intention-revealing method the
 * command calls; loading, the version check and saving are `AggregateChanges`'.
 */
export abstract class ChangeHandler<A extends AnyAggregate, C extends AggregateCommand<unknown>> {
  constructor(private readonly changes: AggregateChanges<A>) {}

  execute(command: C): Promise<AggregateRef> {
    return this.changes.apply(command, (aggregate) => this.change(aggregate, command));
  }

  protected abstract change(aggregate: A, command: C): void;
}
