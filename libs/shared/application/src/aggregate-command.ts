import { Command } from '@nestjs/cqrs';
import { AggregateRef } from './aggregate';
import { CommandMetadata } from './command-metadata';

/**
 * A change to one existing aggregate. `expectedVersion` is the caller's If-Match (or gRPC
 * `expected_version`); undefined only for changes replayed from another system (legacy sync).
 */
export abstract class AggregateCommand extends Command<AggregateRef> {
  constructor(
    readonly aggregateId: string,
    readonly expectedVersion: number | undefined,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
