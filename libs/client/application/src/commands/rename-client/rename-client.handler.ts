import { CommandHandler } from '@nestjs/cqrs';
import { Client, PersonName } from '@bascule/client/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { ClientChanges } from '../../client-changes';
import { RenameClientCommand } from './rename-client.command';

@CommandHandler(RenameClientCommand)
export class RenameClientHandler extends ChangeHandler<Client, RenameClientCommand> {
  constructor(changes: ClientChanges) {
    super(changes);
  }

  protected change(client: Client, { data }: RenameClientCommand): void {
    client.rename(PersonName.of(data.givenName, data.familyName));
  }
}
