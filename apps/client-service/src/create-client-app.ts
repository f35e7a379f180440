import { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation } from 'grpc-health-check';
import { Logger } from 'nestjs-pino';
import { CLIENT_GRPC_PACKAGE, CLIENT_PROTO_PATH } from '@bascule/client/contracts';
import { AUTH_CONFIG, AuthConfig, protectDocs } from '@bascule/shared/auth';
import { acceptUndecodableRequests } from '@bascule/shared/grpc';
import { ProblemDetailsFilter, serveOpenApiDocument } from '@bascule/shared/http';
import { isTransient } from '@bascule/shared/messaging';
import { correlationIdOf, instrumentFastify, withQuietStartUp } from '@bascule/shared/observability';
import { ClientServiceConfig } from './client-service.config';
import { ClientServiceModule } from './client-service.module';

/** Builds the whole service (HTTP + gRPC) without listening, so main.ts and the e2e tests share it. */
export async function createClientApp(config: ClientServiceConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    genReqId: (request: IncomingMessage) => correlationIdOf(request),
    requestIdHeader: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ClientServiceModule, adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(withQuietStartUp(app.get(Logger)));
  app.useGlobalFilters(new ProblemDetailsFilter(isTransient));
  instrumentFastify(app.getHttpAdapter().getInstance());
  app.enableShutdownHooks();

  protectDocs(app);
  serveOpenApiDocument(app, {
    title: 'Bascule client service',
    description:
      'The client bounded context: registration, changes, GDPR erasure; and the legacy clients contract served from it.',
    version: '1.0',
    servers: [
      { url: config.publicUrl ?? `http://${config.host}:${config.httpPort}`, description: 'this client-service' },
    ],
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
  });

  // Server reflection is served by grpc-js, outside Nest's guard: it describes every method and message, as
  // /docs does for REST, so it is registered only when the docs are public (DOCS_PUBLIC). Health stays public (probes).
  const reflection = app.get<AuthConfig>(AUTH_CONFIG).docsPublic;
  const health = new HealthImplementation({ '': 'SERVING', [`${CLIENT_GRPC_PACKAGE}.ClientService`]: 'SERVING' });
  app.connectMicroservice<MicroserviceOptions>(
    {
      transport: Transport.GRPC,
      options: {
        package: CLIENT_GRPC_PACKAGE,
        protoPath: CLIENT_PROTO_PATH,
        url: `${config.host}:${config.grpcPort}`,
        loader: { keepCase: false, longs: Number, defaults: true, oneofs: true },
        onLoadPackageDefinition: (definition, server) => {
          acceptUndecodableRequests(definition);
          if (reflection) new ReflectionService(definition).addToServer(server);
          health.addToServer(server);
        },
      },
      // inheritAppConfig: the global auth guard (APP_GUARD) protects gRPC methods as it does HTTP routes.
    },
    { inheritAppConfig: true },
  );
  return app;
}
