import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { context, Manifest, manifestRepository } from './manifest-fixtures';

type Platform = {
  root: string;
  manifests: (Manifest & { file: string })[];
  legacy: Manifest & { file: string };
  contexts: (Manifest & { file: string })[];
};
const { loadContexts, topicsOf } = require('./contexts.js') as {
  loadContexts(options?: { root?: string }): Platform;
  topicsOf(platform: Platform): { topic: string; partitions: number; config: Record<string, string> }[];
};
const { renderDeployment, repositoryJson, staleFiles } = require('./render-deployment.js') as {
  renderDeployment(platform?: Platform, read?: (file: string) => string): Map<string, string>;
  staleFiles(root: string, rendered: Map<string, string>): string[];
  repositoryJson(value: unknown): string;
};

const root = resolve(__dirname, '../../..');
const committed = (file: string) => readFileSync(join(root, file), 'utf8');

describe('the committed deployment files are what `npm run manifests` writes now (if not: run npm run manifests)', () => {
  const platform = loadContexts();
  const rendered = renderDeployment(platform);

  it.each([...rendered.keys()])('%s', (file) => {
    expect(existsSync(join(root, file))).toBe(true);
    expect(committed(file)).toBe(rendered.get(file));
  });

  it('no generated k8s file is left of a context that has no manifest any more', () => {
    expect(staleFiles(root, rendered)).toEqual([]);
  });
});

/** What compose and Kubernetes read, parsed as YAML: docker is not on this machine, so the files are checked here. */
describe('the generated deployment, read back', () => {
  const platform = loadContexts();
  const compose = parse(committed('docker/compose.yaml'));

  it.each(platform.contexts.map((m) => [m.service, m]))(
    'compose runs %s from its Dockerfile, as its own role, on its manifest’s ports',
    (service, m) => {
      expect(readFileSync(join(root, `docker/${service}.Dockerfile`), 'utf8')).toContain(`"${m.entry}"`);
      expect(compose.services[service]).toMatchObject({
        build: { context: '..', dockerfile: `docker/${service}.Dockerfile` },
        depends_on: {
          'kafka-topics': { condition: 'service_completed_successfully' },
          postgres: { condition: 'service_healthy' },
        },
        environment: {
          PGUSER: m.databaseRole,
          PGPASSWORD: `\${${m.envPrefix}_DB_PASSWORD:?}`,
          [`${m.envPrefix}_DATABASE`]: m.database,
          [`${m.envPrefix}_HTTP_PORT`]: String(m.httpPort),
          ...(m.grpcPort === undefined ? {} : { [`${m.envPrefix}_GRPC_PORT`]: String(m.grpcPort) }),
        },
        // A saga orchestrator serves REST only (ADR 0065).
        ports: [`${m.httpPort}:${m.httpPort}`, ...(m.grpcPort === undefined ? [] : [`${m.grpcPort}:${m.grpcPort}`])],
      });
      if (m.grpcPort === undefined)
        expect(compose.services[service].environment).not.toHaveProperty(`${m.envPrefix}_GRPC_PORT`);
      expect(compose.services.postgres.environment[`${m.envPrefix}_DB_PASSWORD`]).toBe(
        `\${${m.envPrefix}_DB_PASSWORD:?}`,
      );
    },
  );

  it('compose runs the legacy monolith from its Dockerfile, as its own role on its database, on its manifest’s port', () => {
    const m = platform.legacy;
    expect(readFileSync(join(root, `docker/${m.service}.Dockerfile`), 'utf8')).toContain(`"${m.entry}"`);
    expect(compose.services[m.service]).toEqual({
      image: `bascule/${m.service}`,
      build: { context: '..', dockerfile: `docker/${m.service}.Dockerfile` },
      // Its database only: it neither produces nor consumes events, nor verifies tokens.
      depends_on: { postgres: { condition: 'service_healthy' } },
      environment: {
        PGHOST: 'postgres',
        PGUSER: m.databaseRole,
        PGPASSWORD: `\${${m.envPrefix}_DB_PASSWORD:?}`,
        [`${m.envPrefix}_DATABASE`]: m.database,
        [`${m.envPrefix}_HTTP_PORT`]: String(m.httpPort),
      },
      ports: [`${m.httpPort}:${m.httpPort}`],
    });
    // The role and database postgres-init.sh makes, with the schema compose mounts for it.
    expect(compose.services.postgres.environment[`${m.envPrefix}_DB_PASSWORD`]).toBe(
      `\${${m.envPrefix}_DB_PASSWORD:?}`,
    );
    expect(committed('docker/postgres-init.sh')).toContain(`CREATE DATABASE ${m.database} OWNER ${m.databaseRole};`);
    expect(compose.services.postgres.volumes).toContain(`../${m.databaseSchema}:/legacy-schema.sql:ro`);
  });

  it('compose keeps its hand-written infrastructure, and provisions every topic with its partitions and configs', () => {
    expect(Object.keys(compose.services)).toEqual([
      'kafka',
      'kafka-topics',
      'postgres',
      'connect',
      'register-connector',
      'keycloak',
      platform.legacy.service,
      ...platform.contexts.map((m) => m.service),
    ]);
    const script: string = compose.services['kafka-topics'].command[0];
    for (const { topic, partitions, config } of topicsOf(platform))
      expect(script).toContain(
        `--topic ${topic} --partitions ${partitions}${Object.entries(config)
          .map(([k, v]) => ` --config ${k}=${v}`)
          .join('')}\n`,
      );
  });

  it('compose’s PostgreSQL init script is valid sh', () => {
    expect(() => execFileSync('sh', ['-n', join(root, 'docker/postgres-init.sh')])).not.toThrow();
  });

  it.each(platform.contexts.map((m) => [`k8s/${m.service}.yaml`, m]))(
    '%s: its ServiceAccount, a Deployment with the Terminus probes and Prometheus annotations, and its Service',
    (file, m) => {
      const [account, deployment, service] = parseAllDocuments(committed(file)).map((d) => d.toJS());
      expect(account).toMatchObject({
        kind: 'ServiceAccount',
        metadata: { name: m.service },
        automountServiceAccountToken: false,
      });
      expect(deployment.kind).toBe('Deployment');
      expect(deployment.spec.template.spec.serviceAccountName).toBe(m.service);
      expect(deployment.spec.template.metadata.annotations).toEqual({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(m.httpPort + 1000),
        'prometheus.io/path': m.metricsPath,
      });
      const [container] = deployment.spec.template.spec.containers;
      expect(container).toMatchObject({
        name: m.service,
        image: `bascule/${m.service}:latest`,
        ports: [
          { name: 'http', containerPort: m.httpPort },
          ...(m.grpcPort === undefined ? [] : [{ name: 'grpc', containerPort: m.grpcPort }]),
          { name: 'metrics', containerPort: m.httpPort + 1000 },
        ],
        readinessProbe: { httpGet: { path: m.health.ready, port: 'http' } },
        livenessProbe: { httpGet: { path: m.health.live, port: 'http' } },
      });
      expect(container.env).toEqual(
        expect.arrayContaining([
          { name: `${m.envPrefix}_DATABASE`, value: m.database },
          { name: 'PGUSER', valueFrom: { secretKeyRef: { name: `${m.service}-secrets`, key: 'db-username' } } },
          { name: 'AUTH_AUDIENCE', value: m.service },
          { name: 'AUTH_AUTHORIZED_PARTIES', value: expect.stringContaining('bascule-cockpit') },
        ]),
      );
      expect(service).toMatchObject({
        kind: 'Service',
        spec: {
          selector: { app: m.service },
          ports: [
            { name: 'http', port: m.httpPort, targetPort: 'http' },
            ...(m.grpcPort === undefined
              ? []
              : [{ name: 'grpc', port: m.grpcPort, targetPort: 'grpc', appProtocol: 'grpc' }]),
          ],
        },
      });
    },
  );

  it('k8s/legacy-monolith.yaml: its ServiceAccount, a Deployment probed on its health endpoints, its Service', () => {
    const m = platform.legacy;
    const [account, deployment, service] = parseAllDocuments(committed(`k8s/${m.service}.yaml`)).map((d) => d.toJS());
    expect(account).toMatchObject({
      kind: 'ServiceAccount',
      metadata: { name: m.service },
      automountServiceAccountToken: false,
    });
    expect(deployment.spec.template.spec.serviceAccountName).toBe(m.service);
    expect(deployment.spec.template.metadata.annotations).toBeUndefined(); // no metrics to scrape
    const [container] = deployment.spec.template.spec.containers;
    expect(container).toMatchObject({
      name: m.service,
      image: `bascule/${m.service}:latest`,
      ports: [{ name: 'http', containerPort: m.httpPort }],
      readinessProbe: { httpGet: { path: m.health.ready, port: 'http' } },
      livenessProbe: { httpGet: { path: m.health.live, port: 'http' } },
    });
    const secret = (key: string) => ({ secretKeyRef: { name: `${m.service}-secrets`, key } });
    expect(container.env).toEqual([
      { name: 'PGHOST', value: `postgres-${m.name}` },
      { name: `${m.envPrefix}_DATABASE`, value: m.database },
      { name: 'PGUSER', valueFrom: secret('db-username') },
      { name: 'PGPASSWORD', valueFrom: secret('db-password') },
    ]);
    expect(service).toMatchObject({
      kind: 'Service',
      spec: { selector: { app: m.service }, ports: [{ name: 'http', port: m.httpPort, targetPort: 'http' }] },
    });
    // The contexts that watch the legacy server's WAL reach the same database server.
    const [, clientDeployment] = parseAllDocuments(committed('k8s/client-service.yaml')).map((d) => d.toJS());
    expect(clientDeployment.spec.template.spec.containers[0].env).toContainEqual({
      name: 'LEGACY_SOURCE_PGHOST',
      value: `postgres-${m.name}`,
    });
  });

  it('k8s declares every topic for Strimzi, and a Secret template for every process’s role', () => {
    const topics = parseAllDocuments(committed('k8s/kafka-topics.yaml')).map((d) => d.toJS());
    expect(topics.map((t) => [t.kind, t.spec.topicName, t.spec.partitions, t.spec.config['retention.ms']])).toEqual(
      topicsOf(platform).map((t) => ['KafkaTopic', t.topic, t.partitions, t.config['retention.ms']]),
    );
    const secrets = parseAllDocuments(committed('k8s/secrets.template.yaml')).map((d) => d.toJS());
    expect(secrets.map((s) => [s.metadata.name, s.stringData['db-username'] ?? 'connect.properties'])).toEqual([
      [`${platform.legacy.service}-secrets`, platform.legacy.databaseRole],
      ...platform.contexts.map((m) => [`${m.service}-secrets`, m.databaseRole]),
      ['legacy-cdc', 'connect.properties'],
    ]);
  });
});

describe('a new context’s manifest is all a deployment needs', () => {
  const tree = manifestRepository(
    [
      JSON.parse(committed('apps/legacy-monolith/context.manifest.json')),
      JSON.parse(committed('apps/client-service/context.manifest.json')),
      {
        ...context('storeroom', 3002),
        roles: [
          { name: 'storeroom:read', description: 'Read' },
          { name: 'storeroom:write', description: 'Write' },
        ],
      },
    ],
    { 'apps/legacy-monolith/sql/schema.sql': '' },
  );
  afterAll(() => rmSync(tree, { recursive: true, force: true }));
  const rendered = renderDeployment(loadContexts({ root: tree }), committed);

  it('compose gets its service, topics and password; Kubernetes its Deployment, Secret and topics', () => {
    const compose = parse(rendered.get('docker/compose.yaml')!);
    expect(compose.services['storeroom-service']).toMatchObject({
      build: { dockerfile: 'docker/storeroom-service.Dockerfile' },
      environment: {
        PGUSER: 'bascule_storeroom_service',
        STOREROOM_DATABASE: 'bascule_storeroom',
        STOREROOM_HTTP_PORT: '3002',
      },
      ports: ['3002:3002', '50052:50052'],
    });
    expect(compose.services.postgres.environment.STOREROOM_DB_PASSWORD).toBe('${STOREROOM_DB_PASSWORD:?}');
    expect(compose.services['kafka-topics'].command[0]).toContain('--topic storeroom.events.v1.dlq --partitions 1');
    expect(rendered.get('docker/postgres-init.sh')).toContain(
      "CREATE ROLE bascule_storeroom_service LOGIN PASSWORD '$STOREROOM_DB_PASSWORD';\n",
    );
    expect(rendered.get('docker/postgres-init.sh')).toContain(
      'CREATE DATABASE bascule_storeroom OWNER bascule_storeroom_service;\n',
    );
    expect(rendered.get('k8s/storeroom-service.yaml')).toContain('prometheus.io/port: "4002"');
    expect(rendered.get('k8s/secrets.template.yaml')).toContain('  name: storeroom-service-secrets\n');
    expect(rendered.get('k8s/kafka-topics.yaml')).toContain('  topicName: storeroom.events.v1\n');
  });

  it('Keycloak gets its roles, its own client with its audience, and that audience on the callers’ tokens', () => {
    const realm = JSON.parse(rendered.get('tools/infra/keycloak/realm-bascule.json')!);
    const before = JSON.parse(committed('tools/infra/keycloak/realm-bascule.json'));
    expect(realm.roles.realm).toEqual([
      ...before.roles.realm,
      { name: 'storeroom:read', description: 'Read', composite: false, clientRole: false },
      { name: 'storeroom:write', description: 'Write', composite: false, clientRole: false },
    ]);
    const client = (id: string) => realm.clients.find((c: { clientId: string }) => c.clientId === id);
    const audiencesOf = (id: string) =>
      client(id).protocolMappers.map((m: { config: Record<string, string> }) => m.config['included.client.audience']);
    expect(client('storeroom-service')).toMatchObject({ publicClient: false, serviceAccountsEnabled: true });
    expect(audiencesOf('storeroom-service')).toEqual(['storeroom-service']);
    expect(audiencesOf('client-service')).toEqual(['client-service']);
    const audiencesBefore = (id: string) =>
      before.clients
        .find((c: { clientId: string }) => c.clientId === id)
        .protocolMappers.map((m: { config: Record<string, string> }) => m.config['included.client.audience']);
    expect(audiencesOf('bascule-cockpit')).toEqual([...audiencesBefore('bascule-cockpit'), 'storeroom-service']);
    expect(audiencesOf('bascule-demo')).toEqual([...audiencesBefore('bascule-demo'), 'storeroom-service']);
    expect(audiencesOf('bascule-demo')).toContain('client-service');
    const demo = realm.users.find(
      (u: { serviceAccountClientId?: string }) => u.serviceAccountClientId === 'bascule-demo',
    );
    const demoBefore = before.users.find(
      (u: { serviceAccountClientId?: string }) => u.serviceAccountClientId === 'bascule-demo',
    );
    expect(demo.realmRoles).toEqual([...demoBefore.realmRoles, 'storeroom:read', 'storeroom:write']);
    const rolesOf = (users: { username: string; realmRoles: string[] }[], username: string) =>
      users.find((u) => u.username === username)?.realmRoles;
    // The demo users by kind: the reader reads every context, the writer reads and writes; no one erases.
    expect(rolesOf(realm.users, 'reader')).toEqual([...rolesOf(before.users, 'reader')!, 'storeroom:read']);
    expect(rolesOf(realm.users, 'writer')).toEqual([
      ...rolesOf(before.users, 'writer')!,
      'storeroom:read',
      'storeroom:write',
    ]);
    for (const username of ['eraser', 'legacy-reader'])
      expect(rolesOf(realm.users, username)).toEqual(rolesOf(before.users, username));
    // No client with full scope: people's clients carry every role their users hold, a service's its account's only.
    expect(realm.clients.map((c: { fullScopeAllowed: boolean }) => c.fullScopeAllowed)).not.toContain(true);
    const everyRole = realm.roles.realm.map((role: { name: string }) => role.name);
    expect(everyRole).toContain('storeroom:read');
    const people = ['bascule-cockpit', 'bascule-demo'];
    const ofPeople = (mappings: { client: string }[]) => mappings.filter((m) => people.includes(m.client));
    expect(ofPeople(realm.scopeMappings)).toEqual([
      { client: 'bascule-cockpit', roles: everyRole },
      { client: 'bascule-demo', roles: everyRole },
    ]);
    // The services' clients (those of contexts that call others) keep their scopes: storeroom calls no one.
    const ofServices = (mappings: { client: string }[]) => mappings.filter((m) => !people.includes(m.client));
    expect(ofServices(realm.scopeMappings)).toEqual(ofServices(before.scopeMappings ?? []));
    // Formatted as the repository formats JSON (Prettier), not as JSON.stringify would: the committed realm, read
    // and written again, is the same text.
    const text = rendered.get('tools/infra/keycloak/realm-bascule.json')!;
    expect(repositoryJson(JSON.parse(text))).toBe(text);
    expect(repositoryJson(before)).toBe(committed('tools/infra/keycloak/realm-bascule.json'));
  });

  it('its k8s file is removed by npm run manifests when its manifest goes', () => {
    const k8s = mkdtempSync(join(tmpdir(), 'bascule-k8s-'));
    try {
      execFileSync('mkdir', ['-p', join(k8s, 'k8s')]);
      writeFileSync(join(k8s, 'k8s/storeroom-service.yaml'), rendered.get('k8s/storeroom-service.yaml')!);
      writeFileSync(join(k8s, 'k8s/hand-written.yaml'), 'kind: ConfigMap\n');
      expect(staleFiles(k8s, renderDeployment(loadContexts(), committed))).toEqual(['k8s/storeroom-service.yaml']);
    } finally {
      rmSync(k8s, { recursive: true, force: true });
    }
  });

  it('compose without a place for a generated part is refused, naming the part', () => {
    const without = (file: string) =>
      file === 'docker/compose.yaml'
        ? committed(file).replace(/^ *# >>> services:[^]*?# <<< services\n/m, '')
        : committed(file);
    expect(() => renderDeployment(loadContexts(), without)).toThrow(
      /^docker\/compose\.yaml has no place for services: add "# >>> <part>: generated from apps\/\*\/context\.manifest\.json by npm run manifests" and "# <<< <part>" lines where they go$/,
    );
  });
});
