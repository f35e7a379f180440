import { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation } from 'grpc-health-check';
import { Logger } from 'nestjs-pino';
import { AUTH_CONFIG, AuthConfig, protectDocs } from '@bascule/shared/auth';
import { PROTO_LOADER_OPTIONS } from '@bascule/shared/contracts';
import { acceptUndecodableRequests } from '@bascule/shared/grpc';
import { limitJsonDepth, serveOpenApiDocument } from '@bascule/shared/http';
import { correlationIdOf, instrumentFastify, MetricsServer, withQuietStartUp } from '@bascule/shared/observability';
import { EdgeLimits, edgeLimitsFromEnv } from './edge-limits';
import { ServiceConfig, ServiceDefinition } from './service-definition';
import { TransportErrorFilter } from './transport-error.filter';

/** Builds the whole service (HTTP + gRPC) without listening, so main.ts and the e2e tests share it. */
export async function createServiceApp(
  service: ServiceDefinition,
  config: ServiceConfig,
): Promise<NestFastifyApplication> {
  const limits = edgeLimitsFromEnv();
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    genReqId: (request: IncomingMessage) => correlationIdOf(request),
    requestIdHeader: false,
    connectionTimeout: limits.connectionTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      // Node checks the headers and request timeouts every 30 s by default: a slow client would hold its socket
      // that much longer than configured.
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(service.module, adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(withQuietStartUp(app.get(Logger)));
  app.useGlobalFilters(new TransportErrorFilter());
  instrumentFastify(app.getHttpAdapter().getInstance());
  limitJsonDepth(app.getHttpAdapter().getInstance(), limits.jsonMaxDepth);
  app.enableShutdownHooks();
  app.get(MetricsServer).listenOn(config.host, config.metricsPort);

  protectDocs(app);
  serveOpenApiDocument(app, {
    ...service.openApi,
    version: '1.0',
    servers: [
      { url: config.publicUrl ?? `http://${config.host}:${config.httpPort}`, description: `this ${service.name}` },
    ],
  });
  if (service.grpc) connectGrpc(app, service.grpc, config, limits);
  return app;
}

function connectGrpc(
  app: NestFastifyApplication,
  grpc: NonNullable<ServiceDefinition['grpc']>,
  config: ServiceConfig,
  limits: EdgeLimits,
): void {
  // Server reflection is served by grpc-js, outside Nest's guard: it describes every method and message, as
  // /docs does for REST, so it is registered only when the docs are public (DOCS_PUBLIC). Health stays public (probes).
  const reflection = app.get<AuthConfig>(AUTH_CONFIG).docsPublic;
  const serving = Object.fromEntries(grpc.services.map((name) => [`${grpc.package}.${name}`, 'SERVING' as const]));
  const health = new HealthImplementation({ '': 'SERVING', ...serving });
  app.connectMicroservice<MicroserviceOptions>(
    {
      transport: Transport.GRPC,
      options: {
        package: grpc.package,
        protoPath: grpc.protoPath,
        url: `${config.host}:${config.grpcPort}`,
        loader: PROTO_LOADER_OPTIONS,
        // grpc-js refuses a larger message (RESOURCE_EXHAUSTED) before decoding it, so before the auth guard.
        maxReceiveMessageLength: limits.grpcMaxReceiveBytes,
        onLoadPackageDefinition: (definition, server) => {
          acceptUndecodableRequests(definition);
          if (reflection) new ReflectionService(definition).addToServer(server);
          health.addToServer(server);
        },
      },
    },
    // The global auth guard (APP_GUARD) and error filter apply to gRPC methods as to HTTP routes.
    { inheritAppConfig: true },
  );
}
