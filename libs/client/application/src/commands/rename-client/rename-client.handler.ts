import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PersonName } from '@bascule/client/domain';
import { ClientChanges } from '../../client-changes';
import { ClientRef } from '../../client-ref';
import { RenameClientCommand } from './rename-client.command';

@CommandHandler(RenameClientCommand)
export class RenameClientHandler implements ICommandHandler<RenameClientCommand, ClientRef> {
  constructor(private readonly changes: ClientChanges) {}

  execute(command: RenameClientCommand): Promise<ClientRef> {
    return this.changes.apply(command.clientId, command.expectedVersion, command.metadata, (client) =>
      client.rename(PersonName.of(command.givenName, command.familyName)),
    );
  }
}
