import { Command } from '@nestjs/cqrs';
import { ClientRef } from '../../client-ref';
import { CommandMetadata } from '../../command-metadata';

export interface AddressInput {
  line1: string;
  line2?: string | null;
  postalCode: string;
  city: string;
  country: string;
}

export class RegisterClientCommand extends Command<ClientRef> {
  constructor(
    readonly data: {
      givenName: string;
      familyName: string;
      email: string;
      phone?: string | null;
      address: AddressInput;
      companyId?: string | null;
    },
    readonly metadata: CommandMetadata,
    /** Set when the id is decided elsewhere (legacy sync keeps its key map); otherwise a new UUID. */
    readonly clientId?: string,
  ) {
    super();
  }
}
