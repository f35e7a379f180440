import { CommandHandler } from '@nestjs/cqrs';
import { Client } from '@bascule/client/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { ClientChanges } from '../../client-changes';
import { EraseClientCommand } from './erase-client.command';

@CommandHandler(EraseClientCommand)
export class EraseClientHandler extends ChangeHandler<Client, EraseClientCommand> {
  constructor(changes: ClientChanges) {
    super(changes);
  }

  protected change(client: Client): void {
    client.erase();
  }
}
