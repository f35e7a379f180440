import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Email } from '@bascule/client/domain';
import { ClientChanges } from '../../client-changes';
import { ClientRef } from '../../client-ref';
import { ChangeClientEmailCommand } from './change-client-email.command';

@CommandHandler(ChangeClientEmailCommand)
export class ChangeClientEmailHandler implements ICommandHandler<ChangeClientEmailCommand, ClientRef> {
  constructor(private readonly changes: ClientChanges) {}

  execute(command: ChangeClientEmailCommand): Promise<ClientRef> {
    return this.changes.apply(command.clientId, command.expectedVersion, command.metadata, (client) =>
      client.changeEmail(Email.of(command.email)),
    );
  }
}
