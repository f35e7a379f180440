import { BILLING_GRPC_PACKAGE, BILLING_GRPC_SERVICE, BILLING_PROTO_PATH } from '@bascule/billing/contracts';
import { createServiceApp, ServiceConfig, serviceConfigFromEnv, ServiceDefinition } from '@bascule/shared/service';
import manifest from '../context.manifest.json';
import { BillingServiceModule } from './billing-service.module';

export const billingService: ServiceDefinition = {
  name: manifest.service,
  module: BillingServiceModule,
  openApi: {
    title: 'Bascule billing-service',
    description: manifest.description,
    tags: [{ name: 'invoices', description: 'Create, read and list invoices.' }],
  },
  grpc: { package: BILLING_GRPC_PACKAGE, protoPath: BILLING_PROTO_PATH, services: [BILLING_GRPC_SERVICE] },
  restPaths: ['/invoices'],
};

export const billingServiceConfig = () => serviceConfigFromEnv(manifest.envPrefix, manifest);

export const createBillingApp = (config: ServiceConfig) => createServiceApp(billingService, config);
