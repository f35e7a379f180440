import { join } from 'node:path';

export const ORDERS_GRPC_PACKAGE = 'bascule.orders.v1';
export const ORDERS_GRPC_SERVICE = 'OrderService';
export const ORDERS_PROTO_PATH = join(__dirname, 'proto', 'orders.proto');
