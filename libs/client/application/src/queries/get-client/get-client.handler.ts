import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ClientNotFound } from '@bascule/client/domain';
import { CLIENT_READ_MODEL, ClientReadModel, ClientView } from '../../ports/client-read-model';
import { GetClientQuery } from './get-client.query';

@QueryHandler(GetClientQuery)
export class GetClientHandler implements IQueryHandler<GetClientQuery, ClientView> {
  constructor(@Inject(CLIENT_READ_MODEL) private readonly clients: ClientReadModel) {}

  async execute({ clientId }: GetClientQuery): Promise<ClientView> {
    const client = await this.clients.get(clientId);
    if (!client) throw new ClientNotFound(clientId);
    return client;
  }
}
