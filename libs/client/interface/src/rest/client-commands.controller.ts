import { Controller, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  ChangeClientAddressCommand,
  ChangeClientEmailCommand,
  ClientView,
  DeactivateClientCommand,
  EraseClientCommand,
  GetClientQuery,
  ReactivateClientCommand,
  RenameClientCommand,
} from '@bascule/client/application';
import { Roles } from '@bascule/shared/auth';
import { AggregateCommand } from '@bascule/shared/application';
import { ChangeOperation, ChangeRequest, EtagInterceptor } from '@bascule/shared/http';
import {
  ChangeClientAddressBody,
  ChangeClientEmailBody,
  ClientSchema,
  DeactivateClientBody,
  RenameClientBody,
} from './client.schemas';

const answer = ClientSchema;

/** State changes of one client: each requires If-Match and answers with the client and its new ETag. */
@ApiTags('clients')
@Controller('clients/:id')
@UseInterceptors(EtagInterceptor)
export class ClientCommandsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Roles('client:write')
  @ChangeOperation('rename', { summary: 'Rename a client', body: RenameClientBody, answer })
  rename(@ChangeRequest(RenameClientBody) { target, body }: ChangeRequest<RenameClientBody>) {
    return this.run(new RenameClientCommand(target, body));
  }

  @Roles('client:write')
  @ChangeOperation('change-address', {
    summary: 'Change the postal address of a client',
    body: ChangeClientAddressBody,
    answer,
  })
  changeAddress(@ChangeRequest(ChangeClientAddressBody) { target, body }: ChangeRequest<ChangeClientAddressBody>) {
    return this.run(new ChangeClientAddressCommand(target, body));
  }

  @Roles('client:write')
  @ChangeOperation('change-email', { summary: 'Change the email of a client', body: ChangeClientEmailBody, answer })
  changeEmail(@ChangeRequest(ChangeClientEmailBody) { target, body }: ChangeRequest<ChangeClientEmailBody>) {
    return this.run(new ChangeClientEmailCommand(target, body));
  }

  @Roles('client:write')
  @ChangeOperation('deactivate', { summary: 'Deactivate a client, with a reason', body: DeactivateClientBody, answer })
  deactivate(@ChangeRequest(DeactivateClientBody) { target, body }: ChangeRequest<DeactivateClientBody>) {
    return this.run(new DeactivateClientCommand(target, body));
  }

  @Roles('client:write')
  @ChangeOperation('reactivate', { summary: 'Reactivate a deactivated client', answer })
  reactivate(@ChangeRequest() { target }: ChangeRequest) {
    return this.run(new ReactivateClientCommand(target));
  }

  @Roles('client:erase')
  @ChangeOperation('erase', {
    summary: 'Erase a client (GDPR): personal data pseudonymised, kept for references',
    answer,
  })
  erase(@ChangeRequest() { target }: ChangeRequest) {
    return this.run(new EraseClientCommand(target));
  }

  private async run(command: AggregateCommand<unknown>): Promise<ClientView> {
    const { id } = await this.commands.execute(command);
    return this.queries.execute(new GetClientQuery(id));
  }
}
