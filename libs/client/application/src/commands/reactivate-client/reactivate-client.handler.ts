import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ClientChanges } from '../../client-changes';
import { ClientRef } from '../../client-ref';
import { ReactivateClientCommand } from './reactivate-client.command';

@CommandHandler(ReactivateClientCommand)
export class ReactivateClientHandler implements ICommandHandler<ReactivateClientCommand, ClientRef> {
  constructor(private readonly changes: ClientChanges) {}

  execute(command: ReactivateClientCommand): Promise<ClientRef> {
    return this.changes.apply(command.clientId, command.expectedVersion, command.metadata, (client) =>
      client.reactivate(),
    );
  }
}
