import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Client, ClientId } from '@bascule/client/domain';
import { CLOCK, Clock } from '@bascule/shared/ddd';
import { ClientRef } from '../../client-ref';
import { CLIENT_REPOSITORY, ClientRepository } from '../../ports/client.repository';
import { toRegistration } from './client-registration';
import { RegisterClientCommand } from './register-client.command';

@CommandHandler(RegisterClientCommand)
export class RegisterClientHandler implements ICommandHandler<RegisterClientCommand, ClientRef> {
  constructor(
    @Inject(CLIENT_REPOSITORY) private readonly clients: ClientRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ data, metadata, clientId }: RegisterClientCommand): Promise<ClientRef> {
    const id = clientId ? ClientId.of(clientId) : ClientId.generate();
    const client = Client.register(id, toRegistration(data), this.clock);
    await this.clients.save(client, metadata);
    return { id: id.value, version: client.version };
  }
}
