import { keycloakAdmin } from './keycloak-admin';
/**
 * Access tokens from the local OpenID Provider (Keycloak, realm bascule) for tests: the `bascule-demo` client's
 * service account holds every role; the demo users one role set each. Cached until shortly before expiry.
 */
export const testIssuer = (process.env.AUTH_ISSUER ?? 'http://127.0.0.1:8180/realms/bascule').replace(/\/+$/, '');

/** The realm's demo users (tools/infra/keycloak/realm-bascule.json); password `<name>-password`. */
export type DemoUser = 'reader' | 'writer' | 'eraser' | 'legacy-reader';

const cache = new Map<string, { token: string; expiresAt: number }>();

/** A token for a demo user (password grant), or with every role (client credentials of `bascule-demo`) when none is named. */
export async function tokenFor(user?: DemoUser): Promise<string> {
  const key = user ?? '*';
  const cached = cache.get(key);
  if (cached && cached.expiresAt > Date.now() + 30_000) return cached.token;
  const form: Record<string, string> = user
    ? { grant_type: 'password', username: user, password: `${user}-password` }
    : { grant_type: 'client_credentials' };
  const { access_token, expires_in } = await requestToken({
    ...form,
    client_id: 'bascule-demo',
    client_secret: 'bascule-demo-secret',
  });
  cache.set(key, { token: access_token, expiresAt: Date.now() + expires_in * 1000 });
  return access_token;
}

export async function requestToken(
  form: Record<string, string>,
  issuer = testIssuer,
): Promise<{ access_token: string; expires_in: number }> {
  const answer = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams(form),
    signal: AbortSignal.timeout(10_000),
  });
  if (!answer.ok)
    throw new Error(
      `token request to ${issuer} failed: HTTP ${answer.status} ${await answer.text()} (is Keycloak running? bash tools/infra/keycloak/keycloak.sh start)`,
    );
  return (await answer.json()) as { access_token: string; expires_in: number };
}

/**
 * Adds a new RSA signing key to the realm, above the current one, through Keycloak's admin REST API (the local
 * bootstrap admin); the returned function removes it. Tests of key rotation only: Keycloak-specific on purpose.
 */
export async function rotateRealmSigningKey(issuer = testIssuer): Promise<() => Promise<void>> {
  const { realmUrl, headers } = await keycloakAdmin(issuer);
  const { id: parentId } = (await (await fetch(realmUrl, { headers })).json()) as { id: string };
  // A run killed mid-test leaves its key behind: remove it, and rank the new key above every other one.
  const components = `${realmUrl}/components`;
  const keys = (await (await fetch(`${components}?type=org.keycloak.keys.KeyProvider`, { headers })).json()) as {
    id: string;
    name: string;
    config: { priority?: string[] };
  }[];
  for (const leftover of keys.filter((key) => key.name.startsWith('rotation-test-')))
    await fetch(`${components}/${leftover.id}`, { method: 'DELETE', headers });
  const priority =
    Math.max(
      0,
      ...keys
        .filter((key) => !key.name.startsWith('rotation-test-'))
        .map((key) => Number(key.config.priority?.[0] ?? 0)),
    ) + 100;
  const created = await fetch(components, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      name: `rotation-test-${Date.now()}`,
      providerId: 'rsa-generated',
      providerType: 'org.keycloak.keys.KeyProvider',
      parentId,
      config: {
        priority: [String(priority)],
        enabled: ['true'],
        active: ['true'],
        algorithm: ['RS256'],
        keySize: ['2048'],
      },
    }),
  });
  if (created.status !== 201)
    throw new Error(`adding a signing key failed: HTTP ${created.status} ${await created.text()}`);
  const location = created.headers.get('location') as string;
  cache.clear();
  return async () => {
    await fetch(location, { method: 'DELETE', headers });
    cache.clear();
  };
}
