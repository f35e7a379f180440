import { Command } from '@nestjs/cqrs';
import { ClientRef } from '../../client-ref';
import { CommandMetadata } from '../../command-metadata';
import { AddressInput } from '../register-client/register-client.command';

export class ChangeClientAddressCommand extends Command<ClientRef> {
  constructor(
    readonly clientId: string,
    readonly expectedVersion: number | undefined,
    readonly address: AddressInput,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
