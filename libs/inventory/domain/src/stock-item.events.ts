import { DomainEvent, Money } from '@bascule/shared/ddd';
import type { StockItemState } from './stock-item';

export type StockItemCreated = DomainEvent<'StockItemCreated'> & StockItemState;

export interface StockItemPriceChanged extends DomainEvent<'StockItemPriceChanged'> {
  sku: string;
  label: string;
  unitPrice: Money;
}

export interface StockItemRestocked extends DomainEvent<'StockItemRestocked'> {
  quantity: number;
}

export interface StockItemAdjusted extends DomainEvent<'StockItemAdjusted'> {
  delta: number;
  reason: string;
}

export interface StockItemReserved extends DomainEvent<'StockItemReserved'> {
  orderId: string;
  quantity: number;
}

export interface StockItemReleased extends DomainEvent<'StockItemReleased'> {
  orderId: string;
  quantity: number;
}

export interface StockItemShipped extends DomainEvent<'StockItemShipped'> {
  orderId: string;
  quantity: number;
}

export interface StockItemSyncedFromLegacy extends DomainEvent<'StockItemSyncedFromLegacy'> {
  sku: string;
  label: string;
  unitPrice: Money;
  onHand: number;
  reserved: number;
}

export interface StockItemVatRateChanged extends DomainEvent<'StockItemVatRateChanged'> {
  sku: string;
  vatRate: number;
}

export type StockItemEvent =
  | StockItemCreated
  | StockItemPriceChanged
  | StockItemRestocked
  | StockItemAdjusted
  | StockItemReserved
  | StockItemReleased
  | StockItemShipped
  | StockItemSyncedFromLegacy
  | StockItemVatRateChanged;
