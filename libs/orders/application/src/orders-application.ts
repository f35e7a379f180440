import { OrderChanges } from './order-changes';
import { PlaceOrderHandler } from './commands/place-order/place-order.handler';
import { GetOrderHandler } from './queries/get-order/get-order.handler';
import { ListOrdersHandler } from './queries/list-orders/list-orders.handler';
import { ConfirmOrderHandler } from './commands/confirm-order/confirm-order.handler';
import { RejectOrderHandler } from './commands/reject-order/reject-order.handler';
import { ShipOrderHandler } from './commands/ship-order/ship-order.handler';
import { CancelOrderHandler } from './commands/cancel-order/cancel-order.handler';
import { CompleteOrderCancellationHandler } from './commands/complete-order-cancellation/complete-order-cancellation.handler';
import { SyncOrderFromLegacyTablesHandler } from './commands/sync-order-from-legacy-tables/sync-order-from-legacy-tables.handler';

/** Every provider of the orders application layer, for the service module to register. */
export const ordersApplicationProviders = [
  OrderChanges,
  PlaceOrderHandler,
  GetOrderHandler,
  ListOrdersHandler,
  ConfirmOrderHandler,
  RejectOrderHandler,
  ShipOrderHandler,
  CancelOrderHandler,
  CompleteOrderCancellationHandler,
  SyncOrderFromLegacyTablesHandler,
];
