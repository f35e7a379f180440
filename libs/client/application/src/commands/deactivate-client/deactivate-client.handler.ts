import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ClientChanges } from '../../client-changes';
import { ClientRef } from '../../client-ref';
import { DeactivateClientCommand } from './deactivate-client.command';

@CommandHandler(DeactivateClientCommand)
export class DeactivateClientHandler implements ICommandHandler<DeactivateClientCommand, ClientRef> {
  constructor(private readonly changes: ClientChanges) {}

  execute(command: DeactivateClientCommand): Promise<ClientRef> {
    return this.changes.apply(command.clientId, command.expectedVersion, command.metadata, (client) =>
      client.deactivate(command.reason),
    );
  }
}
