import { Order } from '@bascule/orders/domain';
import { AggregateRepository } from '@bascule/shared/application';

export type OrderRepository = AggregateRepository<Order>;

export const ORDER_REPOSITORY = Symbol('OrderRepository');
