import { Query } from '@nestjs/cqrs';
import { OrderFilter, OrderPage } from '../../ports/order-read-model';

export class ListOrdersQuery extends Query<OrderPage> {
  constructor(readonly filter: OrderFilter) {
    super();
  }
}
