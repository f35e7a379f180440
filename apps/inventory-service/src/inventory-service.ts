import {
  INVENTORY_GRPC_PACKAGE,
  INVENTORY_GRPC_SERVICE,
  INVENTORY_PROTO_PATH,
  STOCK_RESERVATION_GRPC_SERVICE,
} from '@bascule/inventory/contracts';
import { createServiceApp, ServiceConfig, serviceConfigFromEnv, ServiceDefinition } from '@bascule/shared/service';
import manifest from '../context.manifest.json';
import { InventoryServiceModule } from './inventory-service.module';

export const inventoryService: ServiceDefinition = {
  name: manifest.service,
  module: InventoryServiceModule,
  openApi: {
    title: 'Bascule inventory-service',
    description: manifest.description,
    tags: [
      { name: 'stock-items', description: 'Create, read and list stock items.' },
      { name: 'stock-reservations', description: 'Create, read and list stock reservations.' },
    ],
  },
  grpc: {
    package: INVENTORY_GRPC_PACKAGE,
    protoPath: INVENTORY_PROTO_PATH,
    services: [INVENTORY_GRPC_SERVICE, STOCK_RESERVATION_GRPC_SERVICE],
  },
  restPaths: ['/stock-items', '/stock-reservations'],
};

export const inventoryServiceConfig = () => serviceConfigFromEnv(manifest.envPrefix, manifest);

export const createInventoryApp = (config: ServiceConfig) => createServiceApp(inventoryService, config);
