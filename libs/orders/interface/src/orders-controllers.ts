import { OrderGrpcController } from './grpc/order-grpc.controller';
import { LegacyCommandesController } from './legacy/legacy-commandes.controller';
import { OrdersController } from './rest/orders.controller';
import { OrdersCommandsController } from './rest/orders-commands.controller';

/** REST and gRPC edges of the orders context, for the service's module to mount. */
export const ordersControllers = [
  OrdersController,
  OrderGrpcController,
  OrdersCommandsController,
  LegacyCommandesController,
];
