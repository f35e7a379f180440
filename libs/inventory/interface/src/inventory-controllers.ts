import { StockItemGrpcController } from './grpc/stock-item-grpc.controller';
import { StockItemsController } from './rest/stock-items.controller';
import { StockItemsCommandsController } from './rest/stock-items-commands.controller';
import { StockReservationsController } from './rest/stock-reservations.controller';
import { StockReservationGrpcController } from './grpc/stock-reservation-grpc.controller';
import { StockReservationsCommandsController } from './rest/stock-reservations-commands.controller';
import { LegacyStockController } from './legacy/legacy-stock.controller';

/** REST and gRPC edges of the inventory context, for the service's module to mount. */
export const inventoryControllers = [
  StockItemsController,
  StockItemGrpcController,
  StockItemsCommandsController,
  StockReservationsController,
  StockReservationGrpcController,
  StockReservationsCommandsController,
  LegacyStockController,
];
