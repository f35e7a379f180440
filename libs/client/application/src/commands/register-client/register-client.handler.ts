import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Client, ClientId, Email, PersonName, Phone, PostalAddress } from '@bascule/client/domain';
import { CLOCK, Clock } from '@bascule/shared/ddd';
import { ClientRef } from '../../client-ref';
import { CLIENT_REPOSITORY, ClientRepository } from '../../ports/client.repository';
import { RegisterClientCommand } from './register-client.command';

@CommandHandler(RegisterClientCommand)
export class RegisterClientHandler implements ICommandHandler<RegisterClientCommand, ClientRef> {
  constructor(
    @Inject(CLIENT_REPOSITORY) private readonly clients: ClientRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ data, metadata, clientId }: RegisterClientCommand): Promise<ClientRef> {
    const id = clientId ? ClientId.of(clientId) : ClientId.generate();
    const client = Client.register(
      id,
      { name: PersonName.of(data.givenName, data.familyName), email: Email.of(data.email), phone: data.phone ? Phone.of(data.phone) : null, address: PostalAddress.of(data.address), companyId: data.companyId ?? null },
      this.clock,
    );
    await this.clients.save(client, metadata);
    return { id: id.value, version: client.version };
  }
}
