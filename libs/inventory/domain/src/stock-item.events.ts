import { DomainEvent, Money } from '@bascule/shared/ddd';
import type { StockItemState } from './stock-item';

export type StockItemCreated = DomainEvent<'StockItemCreated'> & StockItemState;

export interface StockItemPriceChanged extends DomainEvent<'StockItemPriceChanged'> {
  unitPrice: Money;
}

export type StockItemEvent = StockItemCreated | StockItemPriceChanged;
