import { PAYMENT_GRPC_PACKAGE, PAYMENT_GRPC_SERVICE, PAYMENT_PROTO_PATH } from '@bascule/payment/contracts';
import { createServiceApp, ServiceConfig, serviceConfigFromEnv, ServiceDefinition } from '@bascule/shared/service';
import manifest from '../context.manifest.json';
import { PaymentServiceModule } from './payment-service.module';

export const paymentService: ServiceDefinition = {
  name: manifest.service,
  module: PaymentServiceModule,
  openApi: {
    title: 'Bascule payment-service',
    description: manifest.description,
    tags: [{ name: 'payments', description: 'Create, read and list payments.' }],
  },
  grpc: { package: PAYMENT_GRPC_PACKAGE, protoPath: PAYMENT_PROTO_PATH, services: [PAYMENT_GRPC_SERVICE] },
  restPaths: ['/payments'],
};

export const paymentServiceConfig = () => serviceConfigFromEnv(manifest.envPrefix, manifest);

export const createPaymentApp = (config: ServiceConfig) => createServiceApp(paymentService, config);
