import { Command } from '@nestjs/cqrs';
import { AggregateRef as ClientRef, CommandMetadata } from '@bascule/shared/application';
import { AddressInput } from '../register-client/client-registration';

/** The state another system holds for a client, in this context's words (the ACL translates into it). */
export interface ClientImage {
  givenName: string;
  familyName: string;
  /** None: the other system holds no email for it (contact details incomplete). */
  email: string | null;
  phone: string | null;
  address: AddressInput;
  status: 'ACTIVE' | 'INACTIVE' | 'ERASED';
}

/**
 * Make the client match `image`, or mark it gone when `image` is null (deleted over there). Changes
 * that are already true emit nothing: a replayed or echoed change converges to a no-op.
 */
export class SyncClientFromLegacyCommand extends Command<ClientRef> {
  constructor(
    readonly clientId: string,
    readonly image: ClientImage | null,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
