import { StockItemChanges } from './stock-item-changes';
import { StockMoves } from './stock-moves';
import { RestockStockItemHandler } from './commands/restock-stock-item/restock-stock-item.handler';
import { AdjustStockItemHandler } from './commands/adjust-stock-item/adjust-stock-item.handler';
import { CreateStockItemHandler } from './commands/create-stock-item/create-stock-item.handler';

import { GetStockItemHandler } from './queries/get-stock-item/get-stock-item.handler';
import { ListStockItemsHandler } from './queries/list-stock-items/list-stock-items.handler';
import { ChangeStockItemPriceHandler } from './commands/change-stock-item-price/change-stock-item-price.handler';
import { StockReservationChanges } from './stock-reservation-changes';
import { CreateStockReservationHandler } from './commands/create-stock-reservation/create-stock-reservation.handler';
import { GetStockReservationHandler } from './queries/get-stock-reservation/get-stock-reservation.handler';
import { ListStockReservationsHandler } from './queries/list-stock-reservations/list-stock-reservations.handler';
import { ReleaseStockReservationHandler } from './commands/release-stock-reservation/release-stock-reservation.handler';
import { CommitStockReservationHandler } from './commands/commit-stock-reservation/commit-stock-reservation.handler';
import { SyncStockItemFromLegacyTablesHandler } from './commands/sync-stock-item-from-legacy-tables/sync-stock-item-from-legacy-tables.handler';
import { ChangeStockItemVatRateHandler } from './commands/change-stock-item-vat-rate/change-stock-item-vat-rate.handler';

/** Every provider of the inventory application layer, for the service module to register. */
export const inventoryApplicationProviders = [
  StockItemChanges,
  StockMoves,
  RestockStockItemHandler,
  AdjustStockItemHandler,
  CreateStockItemHandler,
  GetStockItemHandler,
  ListStockItemsHandler,
  ChangeStockItemPriceHandler,
  StockReservationChanges,
  CreateStockReservationHandler,
  GetStockReservationHandler,
  ListStockReservationsHandler,
  ReleaseStockReservationHandler,
  CommitStockReservationHandler,
  SyncStockItemFromLegacyTablesHandler,
  ChangeStockItemVatRateHandler,
];
