import { OrderChanges } from './order-changes';
import { CreateOrderHandler } from './commands/create-order/create-order.handler';

import { GetOrderHandler } from './queries/get-order/get-order.handler';
import { ListOrdersHandler } from './queries/list-orders/list-orders.handler';
import { AddOrderLineHandler } from './commands/add-order-line/add-order-line.handler';
import { RemoveOrderLineHandler } from './commands/remove-order-line/remove-order-line.handler';
import { ConfirmOrderHandler } from './commands/confirm-order/confirm-order.handler';
import { RejectOrderHandler } from './commands/reject-order/reject-order.handler';
import { ShipOrderHandler } from './commands/ship-order/ship-order.handler';
import { CancelOrderHandler } from './commands/cancel-order/cancel-order.handler';

/** Every provider of the orders application layer, for the service module to register. */
export const ordersApplicationProviders = [
  OrderChanges,
  CreateOrderHandler,
  GetOrderHandler,
  ListOrdersHandler,
  AddOrderLineHandler,
  RemoveOrderLineHandler,
  ConfirmOrderHandler,
  RejectOrderHandler,
  ShipOrderHandler,
  CancelOrderHandler,
];
