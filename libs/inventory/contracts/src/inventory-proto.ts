import { join } from 'node:path';

export const INVENTORY_GRPC_PACKAGE = 'bascule.inventory.v1';
export const INVENTORY_GRPC_SERVICE = 'StockItemService';
export const STOCK_RESERVATION_GRPC_SERVICE = 'StockReservationService';
export const INVENTORY_PROTO_PATH = join(__dirname, 'proto', 'inventory.proto');
