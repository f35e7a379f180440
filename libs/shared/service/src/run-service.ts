import { AUTH_CONFIG, AuthConfig } from '@bascule/shared/auth';
import { MetricsServer } from '@bascule/shared/observability';
import { createServiceApp } from './create-service-app';
import { ServiceConfig, ServiceDefinition } from './service-definition';

/** Where a started service answers, as `npm start` prints it. */
export function serviceBanner(
  service: ServiceDefinition,
  config: ServiceConfig,
  reflection: boolean,
  metricsUrl = `http://${config.host}:${config.metricsPort}`,
): string {
  const base = `http://${config.host}:${config.httpPort}`;
  const { grpc } = service;
  const services = grpc?.services.map((name) => `${grpc.package}.${name}`).join(', ');
  const reflectionState = reflection ? 'reflection on' : 'reflection off: DOCS_PUBLIC=false';
  return [
    `${service.name} ready`,
    ...service.restPaths.map((path) => `  REST     ${base}${path}`),
    `  OpenAPI  ${base}/docs  (JSON: ${base}/docs-json)`,
    ...(grpc ? [`  gRPC     ${config.host}:${config.grpcPort} (${services}, ${reflectionState})`] : []),
    `  metrics  ${metricsUrl}/metrics  (management port)`,
    `  health   ${base}/health/live  ${base}/health/ready  (details: ${base}/health/details)`,
  ].join('\n');
}

/** main.ts of a service: build, listen on HTTP and gRPC, print the banner; a failed start exits 1. */
export function runService(service: ServiceDefinition, config: ServiceConfig): void {
  const start = async () => {
    const app = await createServiceApp(service, config);
    await app.startAllMicroservices();
    await app.listen(config.httpPort, config.host);
    console.log(
      serviceBanner(service, config, app.get<AuthConfig>(AUTH_CONFIG).docsPublic, app.get(MetricsServer).url),
    );
  };
  start().catch((error) => {
    console.error(`${service.name} failed to start`, error);
    process.exit(1);
  });
}
