import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CLIENT_READ_MODEL, ClientPage, ClientReadModel } from '../../ports/client-read-model';
import { ListClientsQuery } from './list-clients.query';

@QueryHandler(ListClientsQuery)
export class ListClientsHandler implements IQueryHandler<ListClientsQuery, ClientPage> {
  constructor(@Inject(CLIENT_READ_MODEL) private readonly clients: ClientReadModel) {}

  execute({ filter }: ListClientsQuery): Promise<ClientPage> {
    return this.clients.list(filter);
  }
}
