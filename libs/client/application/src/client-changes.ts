import { Inject, Injectable } from '@nestjs/common';
import { Client, ClientId, ClientNotFound } from '@bascule/client/domain';
import { ConcurrencyError } from '@bascule/shared/ddd';
import { ClientRef } from './client-ref';
import { CommandMetadata } from './command-metadata';
import { CLIENT_REPOSITORY, ClientRepository } from './ports/client.repository';

/**
 * The load → check version → change → save sequence every client command shares. `expectedVersion` is
 * the caller's If-Match; undefined only for changes replayed from another system (legacy sync).
 */
@Injectable()
export class ClientChanges {
  constructor(@Inject(CLIENT_REPOSITORY) private readonly clients: ClientRepository) {}

  async apply(
    id: string,
    expectedVersion: number | undefined,
    metadata: CommandMetadata,
    change: (client: Client) => void,
  ): Promise<ClientRef> {
    const client = await this.clients.findById(ClientId.of(id).value);
    if (!client) throw new ClientNotFound(id);
    if (expectedVersion !== undefined && expectedVersion !== client.version)
      throw new ConcurrencyError('client', id, expectedVersion, client.version);
    change(client);
    if (client.pendingEvents.length > 0) await this.clients.save(client, metadata);
    return { id, version: client.version };
  }
}
