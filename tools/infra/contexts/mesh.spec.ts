import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { context, legacy, Manifest, manifestRepository } from './manifest-fixtures';

type Platform = { root: string; contexts: Manifest[] };
const { loadContexts, localEnv } = require('./contexts.js') as {
  loadContexts(options?: { root?: string }): Platform;
  localEnv(platform: Platform): string[];
};
const { renderDeployment } = require('./render-deployment.js') as {
  renderDeployment(platform?: Platform, read?: (file: string) => string): Map<string, string>;
};

const root = resolve(__dirname, '../../..');
const committed = (file: string) => readFileSync(join(root, file), 'utf8');
const REALM = 'tools/infra/keycloak/realm-bascule.json';
const GATEWAY = 'cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account';
const PROMETHEUS = 'cluster.local/ns/monitoring/sa/prometheus';
const account = (service: string) => `cluster.local/ns/bascule/sa/${service}`;

// Fictional contexts: `mill` serves GetGrain over gRPC; `quarry` and `kiln` declare calls to it; `loom` calls no one
// and no one calls it. The real client context stays, as the committed realm knows it (its sign-in clients are
// those that carry a context's audience).
const MILL_CONTROLLER = [
  "import { GrpcMethod } from '@nestjs/microservices';",
  "import { Roles } from '@bascule/shared/auth';",
  'export class MillGrpcController {',
  "  @GrpcMethod('MillService', 'GetGrain')",
  "  @Roles('mill:read')",
  '  get() {}',
  '}',
].join('\n');
const calling = { calls: [{ context: 'mill', rpcs: ['GetGrain'] }] };
const manifests = [
  legacy(),
  JSON.parse(committed('apps/client-service/context.manifest.json')),
  { ...context('mill', 3031), roles: [{ name: 'mill:read', description: 'Read' }] },
  { ...context('quarry', 3032), ...calling },
  { ...context('kiln', 3033), ...calling },
  context('loom', 3034),
];
const files = {
  'libs/mill/interface/src/grpc/mill-grpc.controller.ts': MILL_CONTROLLER,
  'apps/legacy-monolith/sql/schema.sql': '',
};
const trees: string[] = [];
afterAll(() => trees.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const platformOf = (more: Record<string, string> = {}) => {
  const tree = manifestRepository(manifests, { ...files, ...more });
  trees.push(tree);
  return loadContexts({ root: tree });
};
const platform = platformOf();
const rendered = renderDeployment(platform, committed);
const documents = (file: string) => parseAllDocuments(rendered.get(file)!).map((d) => d.toJS());
const of = (kind: string, file: string) => documents(file).filter((d) => d.kind === kind);

describe('the mesh (k8s/istio.yaml): mutual TLS only, and each port reached by whom the manifests say', () => {
  const istio = documents('k8s/istio.yaml');
  const policy = (service: string) =>
    istio.find((d) => d.kind === 'AuthorizationPolicy' && d.metadata.name === service);

  it('requires mutual TLS of every workload of the namespace', () => {
    expect(istio[0]).toEqual({
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default' },
      spec: { mtls: { mode: 'STRICT' } },
    });
    expect(istio.filter((d) => d.kind === 'PeerAuthentication')).toHaveLength(1);
  });

  it('lets only the contexts that declare a call reach a context’s gRPC port; the gateway its REST, Prometheus its metrics', () => {
    expect(policy('mill-service').spec).toEqual({
      selector: { matchLabels: { app: 'mill-service' } },
      action: 'ALLOW',
      rules: [
        {
          from: [{ source: { principals: [GATEWAY] } }],
          to: [{ operation: { ports: ['3031'] } }],
        },
        {
          from: [{ source: { principals: [PROMETHEUS] } }],
          to: [{ operation: { ports: ['4031'], methods: ['GET'], paths: ['/metrics'] } }],
        },
        {
          from: [{ source: { principals: [account('kiln-service'), account('quarry-service')] } }],
          to: [{ operation: { ports: ['50081'] } }],
        },
      ],
    });
  });

  it('lets the legacy monolith’s REST API be reached through the gateway only (no metrics, no gRPC)', () => {
    expect(policy('legacy-monolith').spec).toEqual({
      selector: { matchLabels: { app: 'legacy-monolith' } },
      action: 'ALLOW',
      rules: [{ from: [{ source: { principals: [GATEWAY] } }], to: [{ operation: { ports: ['8090'] } }] }],
    });
  });

  it('gives a context no one calls no gRPC rule at all (an ALLOW policy denies what no rule allows)', () => {
    for (const service of ['client-service', 'loom-service', 'quarry-service', 'kiln-service']) {
      const rules = policy(service).spec.rules as { to: { operation: { ports: string[] } }[] }[];
      const { httpPort } = platform.contexts.find((m) => m.service === service)!;
      expect(rules.flatMap((r) => r.to.flatMap((t) => t.operation.ports))).toEqual([
        String(httpPort),
        String(httpPort + 1000),
      ]);
    }
  });

  it('names as callers only identities the Deployments run as: each its own ServiceAccount, no API token mounted', () => {
    const principals = istio
      .filter((d) => d.kind === 'AuthorizationPolicy')
      .flatMap((d) => d.spec.rules.flatMap((r: { from: { source: { principals: string[] } }[] }) => r.from))
      .flatMap((f: { source: { principals: string[] } }) => f.source.principals);
    const accounts = platform.contexts.map((m) => {
      const [serviceAccount] = of('ServiceAccount', `k8s/${m.service}.yaml`);
      const [deployment] = of('Deployment', `k8s/${m.service}.yaml`);
      expect(serviceAccount).toMatchObject({ metadata: { name: m.service }, automountServiceAccountToken: false });
      expect(deployment.spec.template.spec.serviceAccountName).toBe(m.service);
      return account(m.service);
    });
    expect(new Set(principals)).toEqual(
      new Set([GATEWAY, PROMETHEUS, ...['kiln-service', 'quarry-service'].map(account)]),
    );
    expect(accounts).toEqual(expect.arrayContaining(['kiln-service', 'quarry-service'].map(account)));
  });

  it('takes a caller’s access back when its manifest no longer declares the call', () => {
    const without = manifestRepository(
      manifests.map((m) => (m.name === 'kiln' ? context('kiln', 3033) : m)),
      files,
    );
    trees.push(without);
    const istioAfter = parseAllDocuments(
      renderDeployment(loadContexts({ root: without }), committed).get('k8s/istio.yaml')!,
    ).map((d) => d.toJS());
    const mill = istioAfter.find((d) => d.metadata.name === 'mill-service');
    expect(mill.spec.rules[2].from[0].source.principals).toEqual([account('quarry-service')]);
  });
});

describe('AUTH_AUTHORIZED_PARTIES: a context accepts the tokens of its declared callers’ clients and the sign-in clients', () => {
  const compose = parse(rendered.get('docker/compose.yaml')!);
  const kubernetes = (service: string) =>
    of('Deployment', `k8s/${service}.yaml`)[0].spec.template.spec.containers[0].env.find(
      (e: { name: string }) => e.name === 'AUTH_AUTHORIZED_PARTIES',
    )?.value;

  it.each([
    [
      'mill-service',
      'kiln-service,quarry-service,bascule-cockpit,bascule-demo',
      'kiln-service,quarry-service,bascule-cockpit',
    ],
    ['quarry-service', 'bascule-cockpit,bascule-demo', 'bascule-cockpit'],
    ['loom-service', 'bascule-cockpit,bascule-demo', 'bascule-cockpit'],
  ])('%s: compose %s, Kubernetes %s (the demo client is local only)', (service, local, deployed) => {
    expect(compose.services[service].environment.AUTH_AUTHORIZED_PARTIES).toBe(local);
    expect(kubernetes(service)).toBe(deployed);
  });

  it('npm start gives each context its own list, from the realm file Keycloak was given', () => {
    const withRealm = platformOf({ [REALM]: rendered.get(REALM)! });
    expect(localEnv(withRealm).filter((line) => line.includes('_AUTHORIZED_PARTIES='))).toEqual([
      'CLIENT_AUTHORIZED_PARTIES=bascule-cockpit,bascule-demo',
      'KILN_AUTHORIZED_PARTIES=bascule-cockpit,bascule-demo',
      'LOOM_AUTHORIZED_PARTIES=bascule-cockpit,bascule-demo',
      'MILL_AUTHORIZED_PARTIES=kiln-service,quarry-service,bascule-cockpit,bascule-demo',
      'QUARRY_AUTHORIZED_PARTIES=bascule-cockpit,bascule-demo',
    ]);
  });
});

describe('k8s secrets: one Secret per service, read by its own Deployment only', () => {
  const secrets = documents('k8s/secrets.template.yaml');

  it('gives each context one Secret, with its OIDC client secret only when it calls another context', () => {
    expect(secrets.map((s) => [s.metadata.name, Object.keys(s.stringData)])).toEqual([
      // The legacy monolith: its database login only (no personal data of its own to wrap, no calls).
      ['legacy-monolith-secrets', ['db-username', 'db-password']],
      [
        'client-service-secrets',
        ['db-username', 'db-password', 'personal-data-master-key', 'legacy-watch-username', 'legacy-watch-password'],
      ],
      ['kiln-service-secrets', ['db-username', 'db-password', 'personal-data-master-key', 'oidc-client-secret']],
      ['loom-service-secrets', ['db-username', 'db-password', 'personal-data-master-key']],
      ['mill-service-secrets', ['db-username', 'db-password', 'personal-data-master-key']],
      ['quarry-service-secrets', ['db-username', 'db-password', 'personal-data-master-key', 'oidc-client-secret']],
      ['legacy-cdc', ['connect.properties']],
    ]);
  });

  it('lets each Deployment read its own Secrets (its own, and its Kafka password Strimzi writes) and no other; Connect’s is read by none of them', () => {
    const readers = new Map<string, string[]>();
    for (const m of [...platform.contexts, { service: 'legacy-monolith' }]) {
      const [deployment] = of('Deployment', `k8s/${m.service}.yaml`);
      const refs = JSON.stringify(deployment).match(/"secretKeyRef":\{"name":"[^"]+"/g) ?? [];
      for (const name of refs.map((ref) => /"name":"([^"]+)"/.exec(ref)![1]))
        readers.set(name, [...new Set([...(readers.get(name) ?? []), m.service])]);
      expect(deployment.spec.template.spec.volumes).toBeUndefined();
    }
    expect(Object.fromEntries(readers)).toEqual(
      Object.fromEntries([
        ...platform.contexts.flatMap((m) => [
          [`${m.service}-secrets`, [m.service]],
          [m.service, [m.service]],
        ]),
        ['legacy-monolith-secrets', ['legacy-monolith']], // no Kafka login: it is captured, it does not produce
      ]),
    );
  });
});
