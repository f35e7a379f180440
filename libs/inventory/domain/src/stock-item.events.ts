import { DomainEvent, Money } from '@bascule/shared/ddd';
import type { StockItemState } from './stock-item';

export type StockItemCreated = DomainEvent<'StockItemCreated'> & StockItemState;

export interface StockItemPriceChanged extends DomainEvent<'StockItemPriceChanged'> {
  unitPrice: Money;
}

export interface StockItemRestocked extends DomainEvent<'StockItemRestocked'> {
  quantity: number;
}

export interface StockItemAdjusted extends DomainEvent<'StockItemAdjusted'> {
  delta: number;
  reason: string;
}

export type StockItemEvent = StockItemCreated | StockItemPriceChanged | StockItemRestocked | StockItemAdjusted;
