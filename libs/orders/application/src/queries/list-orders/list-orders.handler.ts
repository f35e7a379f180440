import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ORDER_READ_MODEL, OrderPage, OrderReadModel } from '../../ports/order-read-model';
import { ListOrdersQuery } from './list-orders.query';

@QueryHandler(ListOrdersQuery)
export class ListOrdersHandler implements IQueryHandler<ListOrdersQuery, OrderPage> {
  constructor(@Inject(ORDER_READ_MODEL) private readonly readModel: OrderReadModel) {}

  execute({ filter }: ListOrdersQuery): Promise<OrderPage> {
    return this.readModel.list(filter);
  }
}
