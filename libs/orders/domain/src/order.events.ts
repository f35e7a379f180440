import { DomainEvent, Money, VatRate } from '@bascule/shared/ddd';
import type { OrderState } from './order';
import { OrderStatus } from './order';

/** How the client pays: a card token from the payment provider's page, never card data. */
export interface PaymentMethod {
  type: 'card';
  token: string;
}

export interface PlacedLine {
  orderLineId: string;
  sku: string;
  quantity: number;
  unitPrice: Money;
  lineTotal: Money;
  vatRate: VatRate;
}

/** What the order saga needs to reserve stock and authorize the payment. */
export type OrderPlaced = DomainEvent<'OrderPlaced'> & OrderState & { lines: PlacedLine[]; payment: PaymentMethod };

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

/** The client asked to cancel a CONFIRMED order: the cancellation saga refunds what was paid (ADR 0059, 0068). */
export interface OrderCancellationRequested extends DomainEvent<'OrderCancellationRequested'> {
  reason: string;
  total: Money;
  totalInclVat: Money | null;
}

export interface OrderCanceled extends DomainEvent<'OrderCanceled'> {
  status: OrderStatus;
  reason: string;
}

export interface OrderSyncedFromLegacy extends DomainEvent<'OrderSyncedFromLegacy'> {
  clientId: string;
  total: Money;
  status: OrderStatus;
}

/** A line the legacy system added to an order (a placed order's lines never change here). */
export interface OrderLineAdded extends DomainEvent<'OrderLineAdded'> {
  orderLineId: string;
  sku: string;
  quantity: number;
  unitPrice: Money;
  lineTotal: Money;
}

/** A line the legacy system removed from an order (or replaced: removed, then added). */
export interface OrderLineRemoved extends DomainEvent<'OrderLineRemoved'> {
  orderLineId: string;
}

export type OrderEvent =
  | OrderPlaced
  | OrderConfirmed
  | OrderRejected
  | OrderShipped
  | OrderCancellationRequested
  | OrderCanceled
  | OrderSyncedFromLegacy
  | OrderLineAdded
  | OrderLineRemoved;
