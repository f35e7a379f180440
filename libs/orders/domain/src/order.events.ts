import { DomainEvent, Money } from '@bascule/shared/ddd';
import type { OrderState } from './order';
import { OrderStatus } from './order';

export type OrderCreated = DomainEvent<'OrderCreated'> & OrderState;

export interface OrderLineAdded extends DomainEvent<'OrderLineAdded'> {
  orderLineId: string;
  sku: string;
  quantity: number;
  unitPrice: Money;
  lineTotal: Money;
}

export interface OrderLineRemoved extends DomainEvent<'OrderLineRemoved'> {
  orderLineId: string;
}

export interface OrderConfirmed extends DomainEvent<'OrderConfirmed'> {
  status: OrderStatus;
}

export interface OrderRejected extends DomainEvent<'OrderRejected'> {
  status: OrderStatus;
  reason: string;
}

export interface OrderShipped extends DomainEvent<'OrderShipped'> {
  status: OrderStatus;
}

export interface OrderCanceled extends DomainEvent<'OrderCanceled'> {
  status: OrderStatus;
  reason: string;
}

export type OrderEvent =
  OrderCreated | OrderLineAdded | OrderLineRemoved | OrderConfirmed | OrderRejected | OrderShipped | OrderCanceled;
