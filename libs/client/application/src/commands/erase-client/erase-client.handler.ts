import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ClientChanges } from '../../client-changes';
import { ClientRef } from '../../client-ref';
import { EraseClientCommand } from './erase-client.command';

@CommandHandler(EraseClientCommand)
export class EraseClientHandler implements ICommandHandler<EraseClientCommand, ClientRef> {
  constructor(private readonly changes: ClientChanges) {}

  execute(command: EraseClientCommand): Promise<ClientRef> {
    return this.changes.apply(command.clientId, command.expectedVersion, command.metadata, (client) => client.erase());
  }
}
