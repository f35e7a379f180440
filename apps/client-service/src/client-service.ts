import { CLIENT_GRPC_PACKAGE, CLIENT_PROTO_PATH } from '@bascule/client/contracts';
import { createServiceApp, ServiceConfig, serviceConfigFromEnv, ServiceDefinition } from '@bascule/shared/service';
import manifest from '../context.manifest.json';
import { ClientServiceModule } from './client-service.module';

export const clientService: ServiceDefinition = {
  name: manifest.service,
  module: ClientServiceModule,
  openApi: {
    title: 'Bascule client service',
    description:
      'The client bounded context: registration, changes, GDPR erasure; and the legacy clients contract served from it.',
    tags: [
      {
        name: 'clients',
        description:
          'Clients of the bank: register, read, list, change, deactivate, erase (GDPR). Changes require If-Match.',
      },
      {
        name: 'legacy contract',
        description:
          "The legacy system's GET /api/clients contract (French fields, its error body), served from the client context.",
      },
    ],
  },
  grpc: { package: CLIENT_GRPC_PACKAGE, protoPath: CLIENT_PROTO_PATH, services: ['ClientService'] },
  restPaths: ['/clients'],
};

export const clientServiceConfig = () => serviceConfigFromEnv(manifest.envPrefix, manifest);

export const createClientApp = (config: ServiceConfig) => createServiceApp(clientService, config);
