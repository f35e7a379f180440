import { Command } from '@nestjs/cqrs';
import { ClientRef } from '../../client-ref';
import { CommandMetadata } from '../../command-metadata';

export class RenameClientCommand extends Command<ClientRef> {
  constructor(
    readonly clientId: string,
    readonly expectedVersion: number | undefined,
    readonly givenName: string,
    readonly familyName: string,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
