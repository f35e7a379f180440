import { StockItemChanges } from './stock-item-changes';
import { CreateStockItemHandler } from './commands/create-stock-item/create-stock-item.handler';

import { GetStockItemHandler } from './queries/get-stock-item/get-stock-item.handler';
import { ListStockItemsHandler } from './queries/list-stock-items/list-stock-items.handler';
import { ChangeStockItemPriceHandler } from './commands/change-stock-item-price/change-stock-item-price.handler';

/** Every provider of the inventory application layer, for the service module to register. */
export const inventoryApplicationProviders = [
  StockItemChanges,
  CreateStockItemHandler,
  GetStockItemHandler,
  ListStockItemsHandler,
  ChangeStockItemPriceHandler,
];
