import { Query } from '@nestjs/cqrs';
import { ClientListFilter, ClientPage } from '../../ports/client-read-model';

export class ListClientsQuery extends Query<ClientPage> {
  constructor(readonly filter: ClientListFilter) {
    super();
  }
}
