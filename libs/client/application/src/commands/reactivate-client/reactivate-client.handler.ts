import { CommandHandler } from '@nestjs/cqrs';
import { Client } from '@bascule/client/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { ClientChanges } from '../../client-changes';
import { ReactivateClientCommand } from './reactivate-client.command';

@CommandHandler(ReactivateClientCommand)
export class ReactivateClientHandler extends ChangeHandler<Client, ReactivateClientCommand> {
  constructor(changes: ClientChanges) {
    super(changes);
  }

  protected change(client: Client): void {
    client.reactivate();
  }
}
