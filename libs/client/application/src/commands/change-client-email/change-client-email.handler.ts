import { CommandHandler } from '@nestjs/cqrs';
import { Client, Email } from '@bascule/client/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { ClientChanges } from '../../client-changes';
import { ChangeClientEmailCommand } from './change-client-email.command';

@CommandHandler(ChangeClientEmailCommand)
export class ChangeClientEmailHandler extends ChangeHandler<Client, ChangeClientEmailCommand> {
  constructor(changes: ClientChanges) {
    super(changes);
  }

  protected change(client: Client, { data }: ChangeClientEmailCommand): void {
    client.changeEmail(Email.of(data.email));
  }
}
