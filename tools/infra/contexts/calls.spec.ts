import { readFileSync, rmSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';
import { join, resolve } from 'node:path';
import { context, legacy, Manifest, manifestRepository } from './manifest-fixtures';

type Grant = { caller: string; callee: string; rpcs: string[]; roles: string[] };
type Platform = { root: string; calls: Grant[] };
const { loadContexts } = require('./contexts.js') as { loadContexts(options?: { root?: string }): Platform };
const { renderDeployment } = require('./render-deployment.js') as {
  renderDeployment(platform?: Platform, read?: (file: string) => string): Map<string, string>;
};

const root = resolve(__dirname, '../../..');
const committed = (file: string) => readFileSync(join(root, file), 'utf8');
const CONTROLLER = 'libs/client/interface/src/grpc/client-grpc.controller.ts';

// Names no real context will take: `quarry` calls, `client` (the real one's code) is called.
const roots: string[] = [];
afterAll(() => roots.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function platformOf(calls: unknown, files: Record<string, string> = { [CONTROLLER]: committed(CONTROLLER) }) {
  const quarry = { ...context('quarry', 3012), calls };
  const dir = manifestRepository([legacy(), context('client', 3011), quarry], files);
  roots.push(dir);
  return loadContexts({ root: dir });
}
const problemsOf = (calls: unknown, files?: Record<string, string>): string[] => {
  try {
    platformOf(calls, files);
  } catch (error) {
    return (error as { problems?: string[] }).problems ?? [String(error)];
  }
  return [];
};

describe('a manifest’s calls', () => {
  it('grant exactly the roles the callee’s @Roles ask for the rpcs called, read from its code', () => {
    expect(platformOf([{ context: 'client', rpcs: ['GetClient', 'ListClients'] }]).calls).toEqual([
      {
        caller: 'quarry-service',
        callee: 'client-service',
        rpcs: ['GetClient', 'ListClients'],
        roles: ['client:read'],
      },
    ]);
    expect(platformOf([{ context: 'client', rpcs: ['EraseClient', 'GetClient'] }]).calls[0].roles).toEqual([
      'client:erase',
      'client:read',
    ]);
  });

  it.each<[string, unknown, string]>([
    [
      'an unknown callee',
      [{ context: 'nowhere', rpcs: ['GetClient'] }],
      'apps/quarry-service/context.manifest.json: calls[0].context: nowhere is not a context (known: client)',
    ],
    [
      'a call to itself',
      [{ context: 'quarry', rpcs: ['GetClient'] }],
      'apps/quarry-service/context.manifest.json: calls[0].context: a context does not call itself over gRPC',
    ],
    [
      'the legacy system',
      [{ context: 'legacy', rpcs: ['GetClient'] }],
      'apps/quarry-service/context.manifest.json: calls[0].context: legacy is not a context (known: client)',
    ],
    [
      'an rpc the callee does not serve',
      [{ context: 'client', rpcs: ['GetClient', 'DropClient'] }],
      'apps/quarry-service/context.manifest.json: calls[0].rpcs[1]: client serves no rpc DropClient (it serves: RegisterClient, GetClient, ListClients, RenameClient, ChangeClientAddress, ChangeClientEmail, DeactivateClient, ReactivateClient, EraseClient)',
    ],
    [
      'a callee listed twice',
      [
        { context: 'client', rpcs: ['GetClient'] },
        { context: 'client', rpcs: ['ListClients'] },
      ],
      'apps/quarry-service/context.manifest.json: calls[1].context: client is listed twice',
    ],
  ])('refuse %s, naming the field', (_, calls, problem) => {
    expect(problemsOf(calls)).toEqual([problem]);
  });

  it('refuse an rpc name that is not as a .proto writes it, and an empty list (schema)', () => {
    expect(problemsOf([{ context: 'client', rpcs: ['getClient'] }])[0]).toMatch(
      /calls\[0\]\.rpcs\/0|calls\[0\]\.rpcs\[0\]/,
    );
    expect(problemsOf([{ context: 'client', rpcs: [] }])[0]).toContain('calls[0].rpcs');
  });

  it('are read through the syntax tree: a decorator in a comment or a string is not one, one without @Roles is refused', () => {
    const controller = (...more: string[]) =>
      [
        "import { GrpcMethod } from '@nestjs/microservices';",
        "import { Roles } from '@bascule/shared/auth';",
        'export class ClientGrpcController {',
        "  // @GrpcMethod('ClientService', 'Commented') @Roles('client:read')",
        "  note = \"@GrpcMethod('ClientService', 'Quoted')\";",
        '  @GrpcMethod(',
        "    'ClientService',",
        "    'GetClient',",
        '  )',
        "  @Roles('client:read', 'client:audit')",
        '  get() {}',
        ...more,
        '}',
      ].join('\n');
    expect(
      platformOf([{ context: 'client', rpcs: ['GetClient'] }], { [CONTROLLER]: controller() }).calls[0].roles,
    ).toEqual(['client:audit', 'client:read']);
    expect(problemsOf([{ context: 'client', rpcs: ['Commented'] }], { [CONTROLLER]: controller() })).toEqual([
      'apps/quarry-service/context.manifest.json: calls[0].rpcs[0]: client serves no rpc Commented (it serves: GetClient)',
    ]);
    // Nest's rpc name when only the service is named: the method's, capitalised.
    const withoutRoles = { [CONTROLLER]: controller("  @GrpcMethod('ClientService')", '  listClients() {}') };
    expect(problemsOf([{ context: 'client', rpcs: ['GetClient'] }], withoutRoles)).toEqual([
      `${CONTROLLER}:12: rpc ListClients has no @Roles(...): its callers' grants cannot be read`,
    ]);
  });
});

describe('the realm of a context that calls another', () => {
  const read = (file: string) => committed(file);
  const realmOf = (platform: Platform) =>
    JSON.parse(renderDeployment(platform, read).get('tools/infra/keycloak/realm-bascule.json')!);
  const audiencesOf = (realm: Manifest, id: string) =>
    realm.clients
      .find((c: { clientId: string }) => c.clientId === id)
      .protocolMappers.map((m: { config: Record<string, string> }) => m.config['included.client.audience']);
  const accountOf = (realm: Manifest, id: string) =>
    realm.users.find((u: { serviceAccountClientId?: string }) => u.serviceAccountClientId === id);

  it('gives its service account exactly those roles and its tokens the callee’s audience', () => {
    const realm = realmOf(platformOf([{ context: 'client', rpcs: ['GetClient'] }]));
    expect(accountOf(realm, 'quarry-service')).toEqual({
      username: 'service-account-quarry-service',
      enabled: true,
      serviceAccountClientId: 'quarry-service',
      realmRoles: ['client:read'],
    });
    expect(audiencesOf(realm, 'quarry-service')).toEqual(['quarry-service', 'client-service']);
    expect(accountOf(realm, 'client-service')).toBeUndefined();
    // Its client is scoped to those roles too: a role granted by hand stays out of its tokens.
    expect(realm.scopeMappings).toContainEqual({ client: 'quarry-service', roles: ['client:read'] });
    expect(realm.scopeMappings.map((m: { client: string }) => m.client)).not.toContain('client-service');
  });

  it('takes back what a call removed from the manifest no longer needs', () => {
    const before = realmOf(platformOf([{ context: 'client', rpcs: ['GetClient', 'EraseClient'] }]));
    expect(accountOf(before, 'quarry-service').realmRoles).toEqual(['client:erase', 'client:read']);
    const text = JSON.stringify(before);
    const after = JSON.parse(
      renderDeployment(platformOf([]), (file) =>
        file === 'tools/infra/keycloak/realm-bascule.json' ? text : read(file),
      ).get('tools/infra/keycloak/realm-bascule.json')!,
    );
    expect(accountOf(after, 'quarry-service').realmRoles).toEqual([]);
    expect(audiencesOf(after, 'quarry-service')).toEqual(['quarry-service']);
  });

  it('gives its deployments the callees’ addresses and its own client secret', () => {
    const rendered = renderDeployment(platformOf([{ context: 'client', rpcs: ['GetClient'] }]), read);
    const compose = parse(rendered.get('docker/compose.yaml')!);
    expect(compose.services['quarry-service'].environment).toMatchObject({
      SERVICE_TOKEN_URL: 'http://keycloak:8080/realms/bascule/protocol/openid-connect/token',
      QUARRY_CLIENT_SECRET: 'quarry-service-local-secret',
      CLIENT_GRPC_URL: 'client-service:50061',
    });
    expect(compose.services['client-service'].environment.SERVICE_TOKEN_URL).toBeUndefined();
    const [, deployment] = parseAllDocuments(rendered.get('k8s/quarry-service.yaml')!).map((d) => d.toJS());
    expect(deployment.spec.template.spec.containers[0].env).toEqual(
      expect.arrayContaining([
        { name: 'CLIENT_GRPC_URL', value: 'client-service:50061' },
        {
          name: 'QUARRY_CLIENT_SECRET',
          valueFrom: { secretKeyRef: { name: 'quarry-service-secrets', key: 'oidc-client-secret' } },
        },
      ]),
    );
    const secrets = parseAllDocuments(rendered.get('k8s/secrets.template.yaml')!).map((d) => d.toJS());
    expect(secrets.map((secret) => [secret.metadata.name, Object.keys(secret.stringData)])).toEqual([
      ['legacy-monolith-secrets', ['db-username', 'db-password']],
      ['client-service-secrets', ['db-username', 'db-password', 'personal-data-master-key']],
      ['quarry-service-secrets', ['db-username', 'db-password', 'personal-data-master-key', 'oidc-client-secret']],
      ['legacy-cdc', ['connect.properties']],
    ]);
  });
});
