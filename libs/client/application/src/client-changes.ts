import { Inject, Injectable } from '@nestjs/common';
import { Client, ClientNotFound } from '@bascule/client/domain';
import { AggregateChanges } from '@bascule/shared/application';
import { CLIENT_REPOSITORY, ClientRepository } from './ports/client.repository';

/** The load → check version → change → save sequence, for clients. */
@Injectable()
export class ClientChanges extends AggregateChanges<Client> {
  constructor(@Inject(CLIENT_REPOSITORY) clients: ClientRepository) {
    super(clients, { name: 'client', notFound: (id) => new ClientNotFound(id) });
  }
}
