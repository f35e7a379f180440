import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PostalAddress } from '@bascule/client/domain';
import { ClientChanges } from '../../client-changes';
import { ClientRef } from '../../client-ref';
import { ChangeClientAddressCommand } from './change-client-address.command';

@CommandHandler(ChangeClientAddressCommand)
export class ChangeClientAddressHandler implements ICommandHandler<ChangeClientAddressCommand, ClientRef> {
  constructor(private readonly changes: ClientChanges) {}

  execute(command: ChangeClientAddressCommand): Promise<ClientRef> {
    return this.changes.apply(command.clientId, command.expectedVersion, command.metadata, (client) =>
      client.changeAddress(PostalAddress.of(command.address)),
    );
  }
}
