import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { keycloakAdmin, KeycloakAdmin, requestToken, testIssuer } from '@bascule/shared/testing';

const { renderDeployment } = require('../contexts/render-deployment.js') as {
  renderDeployment(): Map<string, string>;
};

/**
 * The realm as `npm run manifests` renders it, imported into the running Keycloak under a name of its own (the
 * shared `bascule` realm is left alone) and removed afterwards: the roles its tokens carry are what each client
 * is scoped to, not every role of the one who asks.
 */
describe('the rendered realm: no client with full scope', () => {
  const name = `bascule-scope-${randomUUID().slice(0, 8)}`;
  const [base] = testIssuer.split('/realms/');
  const issuer = `${base}/realms/${name}`;
  let admin: KeycloakAdmin;
  const adminCall = async (path: string, init: RequestInit = {}) => {
    const answer = await fetch(`${base}/admin/realms${path}`, { ...init, headers: admin.headers });
    if (!answer.ok) throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${answer.status} ${await answer.text()}`);
    return answer.headers.get('content-type')?.includes('json') ? answer.json() : undefined;
  };
  const rolesIn = (token: string) => (decodeJwt(token).realm_access as { roles?: string[] } | undefined)?.roles ?? [];
  const contextRoles = (roles: string[]) => roles.filter((role) => role.includes(':')).sort();
  const realm = JSON.parse(renderDeployment().get('tools/infra/keycloak/realm-bascule.json')!);

  beforeAll(async () => {
    admin = await keycloakAdmin();
    expect(realm).toEqual(JSON.parse(readFileSync(join(__dirname, 'realm-bascule.json'), 'utf8'))); // committed as rendered
    await adminCall('', { method: 'POST', body: JSON.stringify({ ...realm, realm: name }) });
  });
  afterAll(async () => {
    if (admin) await adminCall(`/${name}`, { method: 'DELETE' });
  });

  it('gives the demo service account and the demo users exactly their roles, and a service only the roles it is scoped to', async () => {
    const everyRole = realm.roles.realm.map((role: { name: string }) => role.name).sort();
    const demo = { client_id: 'bascule-demo', client_secret: 'bascule-demo-secret' };
    expect(
      contextRoles(rolesIn((await requestToken({ grant_type: 'client_credentials', ...demo }, issuer)).access_token)),
    ).toEqual(everyRole);
    for (const user of realm.users.filter((u: { username: string }) => !u.username.startsWith('service-account-'))) {
      const { access_token } = await requestToken(
        { grant_type: 'password', username: user.username, password: `${user.username}-password`, ...demo },
        issuer,
      );
      expect(contextRoles(rolesIn(access_token))).toEqual([...user.realmRoles].sort());
      expect(decodeJwt(access_token).aud).toContain('client-service');
    }

    // A role given to client-service's service account by hand (not through the manifests) stays out of its tokens.
    const [service] = (await adminCall(`/${name}/clients?clientId=client-service`)) as { id: string }[];
    const account = (await adminCall(`/${name}/clients/${service.id}/service-account-user`)) as { id: string };
    const erase = await adminCall(`/${name}/roles/${encodeURIComponent('client:erase')}`);
    await adminCall(`/${name}/users/${account.id}/role-mappings/realm`, {
      method: 'POST',
      body: JSON.stringify([erase]),
    });
    const secret = { client_id: 'client-service', client_secret: 'client-service-local-secret' };
    const serviceToken = (await requestToken({ grant_type: 'client_credentials', ...secret }, issuer)).access_token;
    expect(contextRoles(rolesIn(serviceToken))).toEqual([]);
    expect(decodeJwt(serviceToken)).toMatchObject({ azp: 'client-service', aud: 'client-service' });
  });
});
