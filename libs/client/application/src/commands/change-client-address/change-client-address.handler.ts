import { CommandHandler } from '@nestjs/cqrs';
import { Client, PostalAddress } from '@bascule/client/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { ClientChanges } from '../../client-changes';
import { ChangeClientAddressCommand } from './change-client-address.command';

@CommandHandler(ChangeClientAddressCommand)
export class ChangeClientAddressHandler extends ChangeHandler<Client, ChangeClientAddressCommand> {
  constructor(changes: ClientChanges) {
    super(changes);
  }

  protected change(client: Client, { data }: ChangeClientAddressCommand): void {
    client.changeAddress(PostalAddress.of(data.address));
  }
}
