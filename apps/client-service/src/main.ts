import './tracing';
import { AUTH_CONFIG, AuthConfig } from '@bascule/shared/auth';
import { clientServiceConfig } from './client-service.config';
import { createClientApp } from './create-client-app';

async function main() {
  const config = clientServiceConfig();
  const app = await createClientApp(config);
  await app.startAllMicroservices();
  await app.listen(config.httpPort, config.host);
  const base = `http://${config.host}:${config.httpPort}`;
  const reflection = app.get<AuthConfig>(AUTH_CONFIG).docsPublic
    ? 'reflection on'
    : 'reflection off: DOCS_PUBLIC=false';
  console.log(
    [
      `client-service ready`,
      `  REST     ${base}/clients`,
      `  OpenAPI  ${base}/docs  (JSON: ${base}/docs-json)`,
      `  gRPC     ${config.host}:${config.grpcPort} (bascule.client.v1.ClientService, ${reflection})`,
      `  metrics  ${base}/metrics`,
      `  health   ${base}/health/live  ${base}/health/ready  (details: ${base}/health/details)`,
    ].join('\n'),
  );
}

main().catch((error) => {
  console.error('client-service failed to start', error);
  process.exit(1);
});
