import { decodeJwt } from 'jose';
import { parse, parseAllDocuments } from 'yaml';
// The rendered lists, checked by the very verifier the services run (a test only: tools never import the platform).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { AuthError, authConfig, httpAnswerOf, TokenVerifier } from '@bascule/shared/auth';
import { requestToken, testIssuer, tokenFor } from '@bascule/shared/testing';

type Platform = { contexts: { service: string; envPrefix: string }[] };
const { loadContexts, localEnv } = require('./contexts.js') as {
  loadContexts(): Platform;
  localEnv(platform: Platform): string[];
};
const { renderDeployment } = require('./render-deployment.js') as {
  renderDeployment(platform?: Platform): Map<string, string>;
};

/**
 * client-service as compose and npm start run it (the list rendered from the manifests), verifying real tokens of
 * the shared realm: its own client's token carries its audience, yet no manifest declares that client a caller.
 */
describe('AUTH_AUTHORIZED_PARTIES rendered from the manifests, on the local OpenID Provider', () => {
  const platform = loadContexts();
  const rendered = renderDeployment(platform);
  const parties: string = parse(rendered.get('docker/compose.yaml')!).services['client-service'].environment
    .AUTH_AUTHORIZED_PARTIES;
  const verifierWith = (env: Record<string, string>) =>
    new TokenVerifier(authConfig('client-service', { NODE_ENV: 'test', AUTH_ISSUER: testIssuer, ...env }));

  it('is the same list in compose and npm start, and in Kubernetes without the local demo client', () => {
    // orders-service calls client-service (its manifest's `calls`); the cockpit and the local demo client are declared.
    expect(parties.split(',')).toEqual(['orders-service', 'bascule-cockpit', 'bascule-demo']);
    expect(localEnv(platform)).toContain(`CLIENT_AUTHORIZED_PARTIES=${parties}`);
    const [, deployment] = parseAllDocuments(rendered.get('k8s/client-service.yaml')!).map((d) => d.toJS());
    expect(deployment.spec.template.spec.containers[0].env).toContainEqual({
      name: 'AUTH_AUTHORIZED_PARTIES',
      value: 'orders-service,bascule-cockpit',
    });
  });

  it('admits a token of a declared client, and refuses one of a client no manifest declares: 401 invalid_token', async () => {
    const verifier = verifierWith({ AUTH_AUTHORIZED_PARTIES: parties });
    await expect(verifier.verify(await tokenFor('reader'))).resolves.toMatchObject({ clientId: 'bascule-demo' });

    const { access_token: undeclared } = await requestToken({
      grant_type: 'client_credentials',
      client_id: 'client-service',
      client_secret: 'client-service-local-secret',
    });
    expect(decodeJwt(undeclared)).toMatchObject({ azp: 'client-service', aud: 'client-service' });
    const refusal = await verifier.verify(undeclared).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AuthError);
    const { problem, headers } = httpAnswerOf(refusal as AuthError, true);
    expect([problem.status, problem.code, headers['www-authenticate']]).toEqual([
      401,
      'AUTH.INVALID_TOKEN',
      'Bearer error="invalid_token", error_description="The bearer token is not valid: unexpected authorized party"',
    ]);
    // The list is what refuses it: without one, the same token is verified.
    await expect(verifierWith({}).verify(undeclared)).resolves.toMatchObject({ clientId: 'client-service' });
  });
});
