import { Type } from '@nestjs/common';
import { OpenApiDocumentOptions } from '@bascule/shared/http';
import { numberSetting, portSetting } from '@bascule/shared/application';

/** What makes one deployable service of a bounded context: everything else is the platform's. */
export interface ServiceDefinition {
  /** `client-service`: logs, metrics, traces, the token audience. */
  name: string;
  /** The root module: the platform module, the context's infrastructure, controllers and handlers. */
  module: Type;
  openApi: Pick<OpenApiDocumentOptions, 'title' | 'description' | 'tags'>;
  /** None for a process that serves REST only (the saga orchestrator). */
  grpc?: {
    /** `bascule.client.v1` */
    package: string;
    protoPath: string;
    /** The services of the package, reported SERVING by gRPC health (`ClientService`). */
    services: string[];
  };
  /** REST paths printed in the start-up banner (`/clients`). */
  restPaths: string[];
}

export interface ServiceConfig {
  host: string;
  httpPort: number;
  grpcPort: number;
  /** The management port: `/metrics` (0: any free port, as tests use). */
  metricsPort: number;
  /** Largest accepted request body; larger ones get 413. */
  bodyLimitBytes: number;
  /** The URL clients reach this service at, published as the OpenAPI server (default: http://host:port). */
  publicUrl?: string;
}

/**
 * `HOST`, `<PREFIX>_HTTP_PORT`, `<PREFIX>_GRPC_PORT`, `<PREFIX>_METRICS_PORT`, `BODY_LIMIT_BYTES`,
 * `<PREFIX>_PUBLIC_URL`; the ports default to the context's manifest, the metrics port to the HTTP port + 1000.
 */
export function serviceConfigFromEnv(
  prefix: string,
  ports: { httpPort: number; grpcPort?: number },
  env: NodeJS.ProcessEnv = process.env,
): ServiceConfig {
  const httpPort = portSetting(env, `${prefix}_HTTP_PORT`, ports.httpPort);
  return {
    host: env.HOST ?? '127.0.0.1',
    httpPort,
    // A REST-only process listens on no gRPC port: 0 is never used.
    grpcPort: ports.grpcPort === undefined ? 0 : portSetting(env, `${prefix}_GRPC_PORT`, ports.grpcPort),
    metricsPort: portSetting(env, `${prefix}_METRICS_PORT`, Math.min(httpPort + 1000, 65_535)),
    bodyLimitBytes: numberSetting(env, 'BODY_LIMIT_BYTES', 64 * 1024, { integer: true, min: 1 }),
    publicUrl: env[`${prefix}_PUBLIC_URL`],
  };
}
