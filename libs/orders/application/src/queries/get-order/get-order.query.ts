import { Query } from '@nestjs/cqrs';
import { OrderView } from '../../ports/order-read-model';

export class GetOrderQuery extends Query<OrderView> {
  constructor(readonly id: string) {
    super();
  }
}
