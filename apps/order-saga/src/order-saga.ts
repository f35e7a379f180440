import { createServiceApp, ServiceConfig, serviceConfigFromEnv, ServiceDefinition } from '@bascule/shared/service';
import manifest from '../context.manifest.json';
import { OrderSagaModule } from './order-saga.module';

/** The orchestrator: REST only (no gRPC, ADR 0065); its work is driven by Kafka and its timer. */
export const orderSagaService: ServiceDefinition = {
  name: manifest.service,
  module: OrderSagaModule,
  openApi: {
    title: 'Bascule order-saga',
    description: manifest.description,
    tags: [{ name: 'sagas', description: 'Follow the order sagas; retry or compensate one needing attention.' }],
  },
  restPaths: ['/sagas'],
};

export const orderSagaServiceConfig = () => serviceConfigFromEnv(manifest.envPrefix, manifest);

export const createOrderSagaApp = (config: ServiceConfig) => createServiceApp(orderSagaService, config);
