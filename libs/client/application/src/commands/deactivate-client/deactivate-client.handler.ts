import { CommandHandler } from '@nestjs/cqrs';
import { Client } from '@bascule/client/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { ClientChanges } from '../../client-changes';
import { DeactivateClientCommand } from './deactivate-client.command';

@CommandHandler(DeactivateClientCommand)
export class DeactivateClientHandler extends ChangeHandler<Client, DeactivateClientCommand> {
  constructor(changes: ClientChanges) {
    super(changes);
  }

  protected change(client: Client, { data }: DeactivateClientCommand): void {
    client.deactivate(data.reason);
  }
}
