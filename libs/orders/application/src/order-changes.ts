import { Inject, Injectable } from '@nestjs/common';
import { Order, OrderNotFound } from '@bascule/orders/domain';
import { AggregateChanges } from '@bascule/shared/application';
import { ORDER_REPOSITORY, OrderRepository } from './ports/order.repository';

/** The load → check version → change → save sequence, for orders. */
@Injectable()
export class OrderChanges extends AggregateChanges<Order> {
  constructor(@Inject(ORDER_REPOSITORY) repository: OrderRepository) {
    super(repository, { name: 'order', notFound: (id) => new OrderNotFound(id) });
  }
}
