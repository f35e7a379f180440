import { Query } from '@nestjs/cqrs';
import { OrderPage } from '../../ports/order-read-model';

export class ListOrdersQuery extends Query<OrderPage> {
  constructor(readonly filter: { cursor?: string; limit: number }) {
    super();
  }
}
