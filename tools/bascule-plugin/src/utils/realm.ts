import { Tree } from '@nx/devkit';
import { ContextNames } from './context-names';

export const REALM_FILE = 'tools/infra/keycloak/realm-bascule.json';

interface Realm {
  roles: { realm: { name: string; description?: string }[] };
  clients: { clientId: string; protocolMappers?: object[]; [key: string]: unknown }[];
  users: { username: string; realmRoles?: string[] }[];
}

const audienceMapper = (service: string) => ({
  name: `audience ${service}`,
  protocol: 'openid-connect',
  protocolMapper: 'oidc-audience-mapper',
  consentRequired: false,
  config: {
    'included.client.audience': service,
    'id.token.claim': 'false',
    'access.token.claim': 'true',
    'introspection.token.claim': 'true',
    'lightweight.claim': 'false',
  },
});

/**
 * The context's roles, its service's own client, and the local demo identities that may call it: the
 * `bascule-demo` service account holds every role, `reader` reads and `writer` reads and writes.
 */
export function addContextToRealm(tree: Tree, n: ContextNames): void {
  if (!tree.exists(REALM_FILE)) return;
  const realm = JSON.parse(tree.read(REALM_FILE, 'utf-8') ?? '{}') as Realm;
  realm.roles.realm.push(
    { name: n.readRole, description: `Read ${n.aggregates} of the ${n.context} context` },
    { name: n.writeRole, description: `Create and change ${n.aggregates} of the ${n.context} context` },
  );
  realm.clients.push({
    clientId: n.service,
    name: n.service,
    description: `${n.service}: its own identity for service-to-service calls`,
    enabled: true,
    publicClient: false,
    clientAuthenticatorType: 'client-secret',
    secret: `${n.service}-local-secret`,
    serviceAccountsEnabled: true,
    standardFlowEnabled: false,
    directAccessGrantsEnabled: false,
    implicitFlowEnabled: false,
    protocol: 'openid-connect',
    fullScopeAllowed: true,
    protocolMappers: [audienceMapper(n.service)],
  });
  const demo = realm.clients.find((client) => client.clientId === 'bascule-demo');
  demo?.protocolMappers?.push(audienceMapper(n.service));
  const grant = (username: string, roles: string[]) =>
    realm.users.find((user) => user.username === username)?.realmRoles?.push(...roles);
  grant('service-account-bascule-demo', [n.readRole, n.writeRole]);
  grant('reader', [n.readRole]);
  grant('writer', [n.readRole, n.writeRole]);
  tree.write(REALM_FILE, `${JSON.stringify(realm, null, 2)}\n`);
}
