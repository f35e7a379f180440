import { StockItem } from '@bascule/inventory/domain';
import { AggregateRepository } from '@bascule/shared/application';

export type StockItemRepository = AggregateRepository<StockItem>;

export const STOCK_ITEM_REPOSITORY = Symbol('StockItemRepository');
