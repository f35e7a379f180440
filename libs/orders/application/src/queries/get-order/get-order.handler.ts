import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { OrderNotFound } from '@bascule/orders/domain';
import { ORDER_READ_MODEL, OrderReadModel, OrderView } from '../../ports/order-read-model';
import { GetOrderQuery } from './get-order.query';

@QueryHandler(GetOrderQuery)
export class GetOrderHandler implements IQueryHandler<GetOrderQuery, OrderView> {
  constructor(@Inject(ORDER_READ_MODEL) private readonly readModel: OrderReadModel) {}

  async execute({ id }: GetOrderQuery): Promise<OrderView> {
    const view = await this.readModel.get(id);
    if (!view) throw new OrderNotFound(id);
    return view;
  }
}
