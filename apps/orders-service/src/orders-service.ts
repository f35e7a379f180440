import { ORDERS_GRPC_PACKAGE, ORDERS_GRPC_SERVICE, ORDERS_PROTO_PATH } from '@bascule/orders/contracts';
import { createServiceApp, ServiceConfig, serviceConfigFromEnv, ServiceDefinition } from '@bascule/shared/service';
import manifest from '../context.manifest.json';
import { OrdersServiceModule } from './orders-service.module';

export const ordersService: ServiceDefinition = {
  name: manifest.service,
  module: OrdersServiceModule,
  openApi: {
    title: 'Bascule orders-service',
    description: manifest.description,
    tags: [{ name: 'orders', description: 'Create, read and list orders.' }],
  },
  grpc: { package: ORDERS_GRPC_PACKAGE, protoPath: ORDERS_PROTO_PATH, services: [ORDERS_GRPC_SERVICE] },
  restPaths: ['/orders'],
};

export const ordersServiceConfig = () => serviceConfigFromEnv(manifest.envPrefix, manifest);

export const createOrdersApp = (config: ServiceConfig) => createServiceApp(ordersService, config);
