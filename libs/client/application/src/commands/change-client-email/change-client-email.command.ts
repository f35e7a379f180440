import { Command } from '@nestjs/cqrs';
import { ClientRef } from '../../client-ref';
import { CommandMetadata } from '../../command-metadata';

export class ChangeClientEmailCommand extends Command<ClientRef> {
  constructor(
    readonly clientId: string,
    readonly expectedVersion: number | undefined,
    readonly email: string,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
