import { startTcpProxy, TcpProxy, testIssuer, tokenFor } from '@bascule/shared/testing';
import { aRegistration } from './client-fixtures';
import { ClientServiceProcess, startClientServiceProcess } from './client-service.process';

/**
 * client-service reads the issuer's keys through a TCP proxy in front of the shared Keycloak, which the test
 * cuts just before the key cache (1 s here) ages out: Keycloak is down as the service sees it, and only for it.
 */
describe('client-service while the identity provider is unreachable', () => {
  const issuer = new URL(testIssuer);
  let proxy: TcpProxy;
  let service: ClientServiceProcess;
  const withToken = (token: string) => ({
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  });

  beforeAll(async () => {
    proxy = await startTcpProxy({ host: issuer.hostname, port: Number(issuer.port) });
    service = await startClientServiceProcess({
      AUTH_JWKS_URL: `http://127.0.0.1:${proxy.port}${issuer.pathname}/protocol/openid-connect/certs`,
      AUTH_JWKS_CACHE_MAX_AGE_SECONDS: '1',
      AUTH_PROVIDER_BACKOFF_SECONDS: '3600',
      AUTH_PROVIDER_BACKOFF_MAX_SECONDS: '3600',
    });
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await proxy?.close();
  });

  it('keeps answering calls with still-valid tokens, stays ready, and says the provider is unreachable in details and metrics', async () => {
    const writer = await tokenFor('writer');
    const created = await fetch(`${service.url}/clients`, {
      method: 'POST',
      headers: withToken(writer),
      body: JSON.stringify(aRegistration()),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(proxy.forwarded).toBeGreaterThan(0);

    proxy.refuse();
    const statuses: number[] = [];
    while (proxy.refused === 0) {
      statuses.push((await fetch(`${service.url}/clients/${id}`, { headers: withToken(writer) })).status);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (let call = 0; call < 10; call++) {
      const answer = await fetch(`${service.url}/clients`, {
        method: 'POST',
        headers: withToken(writer),
        body: JSON.stringify(aRegistration()),
      });
      statuses.push(answer.status);
    }
    expect(statuses.slice(0, -10).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(-10)).toEqual(Array.from({ length: 10 }, () => 201));
    // A token that was never valid for this service is still refused without the provider.
    expect((await fetch(`${service.url}/clients/${id}`, { headers: withToken('a.b.c') })).status).toBe(401);

    expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);
    const details = await fetch(`${service.url}/health/details`);
    expect(details.status).toBe(503);
    const provider = ((await details.json()) as { details: Record<string, { status: string; message?: string }> })
      .details['identity-provider'];
    expect(provider).toMatchObject({ status: 'down', message: expect.stringMatching(/^unreachable since /) });
    const metrics = await (await fetch(`${service.metricsUrl}/metrics`)).text();
    expect(metrics).toMatch(/bascule_identity_provider_up\{[^}]*\} 0/);
    expect(metrics).toMatch(/bascule_dependency_up\{[^}]*check="identity-provider"[^}]*\} 0/);
    expect(metrics).toMatch(/bascule_tokens_verified_with_last_known_keys_total\{[^}]*\} (1[1-9]|[2-9]\d|\d{3,})\b/);
    expect(proxy.refused).toBe(1); // the provider was asked once, not once per call or per scrape
    expect(service.output().match(/the identity provider cannot be reached/g)).toHaveLength(1);
  }, 120_000);
});
