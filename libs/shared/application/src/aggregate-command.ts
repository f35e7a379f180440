import { Command } from '@nestjs/cqrs';
import { AggregateRef } from './aggregate';
import { CommandMetadata } from './command-metadata';

/**
 * Which aggregate a command changes, at which version, on whose behalf. `expectedVersion` is the
 * caller's If-Match (or gRPC `expected_version`); undefined only for changes replayed from another system.
 */
export interface CommandTarget {
  aggregateId: string;
  expectedVersion: number | undefined;
  metadata: CommandMetadata;
}

/** A change to one existing aggregate: its target, and the data the change needs (none by default). */
export abstract class AggregateCommand<TData = void> extends Command<AggregateRef> {
  constructor(
    readonly target: CommandTarget,
    readonly data: TData = undefined as TData,
  ) {
    super();
  }
}
