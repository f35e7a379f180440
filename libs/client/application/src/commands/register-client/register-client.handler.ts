import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Client, ClientId } from '@bascule/client/domain';
import { AggregateRef } from '@bascule/shared/application';
import { CLOCK, Clock } from '@bascule/shared/ddd';
import { ClientChanges } from '../../client-changes';
import { toRegistration } from './client-registration';
import { RegisterClientCommand } from './register-client.command';

@CommandHandler(RegisterClientCommand)
export class RegisterClientHandler implements ICommandHandler<RegisterClientCommand, AggregateRef> {
  constructor(
    private readonly changes: ClientChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ data, metadata, clientId }: RegisterClientCommand): Promise<AggregateRef> {
    const id = clientId ? ClientId.of(clientId) : ClientId.generate();
    return this.changes.save(Client.register(id, toRegistration(data), this.clock), metadata);
  }
}
