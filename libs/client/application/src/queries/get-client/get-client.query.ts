import { Query } from '@nestjs/cqrs';
import { ClientView } from '../../ports/client-read-model';

export class GetClientQuery extends Query<ClientView> {
  constructor(readonly clientId: string) {
    super();
  }
}
