import { progress } from './bench-kit';

/**
 * The bearer token the HTTP bench sends, when there is one: `BENCH_TOKEN` as given, or one fetched from
 * `AUTH_ISSUER`'s token endpoint with client credentials (`BENCH_CLIENT_ID` / `BENCH_CLIENT_SECRET`,
 * the local-only `bascule-demo` client by default, whose service account holds every role). Without
 * either, requests go without `authorization` (services that do not ask who is calling).
 */
export async function benchToken(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (env.BENCH_TOKEN) return env.BENCH_TOKEN;
  if (!env.AUTH_ISSUER) return undefined;
  const discovery = await fetchJson(`${env.AUTH_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`);
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: env.BENCH_CLIENT_ID ?? 'bascule-demo',
    client_secret: env.BENCH_CLIENT_SECRET ?? 'bascule-demo-secret',
  });
  const answer = await fetchJson(String(discovery.token_endpoint), {
    method: 'POST',
    body: form,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  if (typeof answer.access_token !== 'string')
    throw new Error(`no access_token from ${String(discovery.token_endpoint)}`);
  progress(
    `bearer token from ${env.AUTH_ISSUER} (client credentials, ${form.get('client_id')}), expires in ${String(answer.expires_in)} s`,
  );
  return answer.access_token;
}

async function fetchJson(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}
