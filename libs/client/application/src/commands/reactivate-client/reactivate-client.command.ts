import { Command } from '@nestjs/cqrs';
import { ClientRef } from '../../client-ref';
import { CommandMetadata } from '../../command-metadata';

export class ReactivateClientCommand extends Command<ClientRef> {
  constructor(
    readonly clientId: string,
    readonly expectedVersion: number | undefined,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
