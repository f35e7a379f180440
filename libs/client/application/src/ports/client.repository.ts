import { Client, ClientId } from '@bascule/client/domain';
import { CommandMetadata } from '../command-metadata';

export interface ClientRepository {
  findById(id: ClientId): Promise<Client | undefined>;
  /**
   * Saves the client and its pending events (outbox) in one transaction, then clears them. Throws
   * ConcurrencyError when the stored version moved since loading, ClientEmailTaken on a duplicate email.
   */
  save(client: Client, metadata: CommandMetadata): Promise<void>;
}

export const CLIENT_REPOSITORY = Symbol('ClientRepository');
