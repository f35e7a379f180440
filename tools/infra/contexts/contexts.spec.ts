import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { context, legacy, Manifest, manifestRepository } from './manifest-fixtures';

const contexts = require('./contexts.js') as {
  ROOT: string;
  loadContexts(options?: { root?: string }): { manifests: (Manifest & { file: string })[]; legacy: Manifest };
  topicsOf(platform: unknown): { topic: string; partitions: number; config: Record<string, string>; owner: string }[];
  loginRolesOf(
    platform: unknown,
  ): { envPrefix: string; role: string; database: string; kind: string; service: string }[];
  captureOf(platform: unknown): Record<string, any>;
};
const { contextSettings, envDefaults } = require('./context-env.js') as {
  contextSettings(manifest: Manifest, env?: NodeJS.ProcessEnv): Record<string, unknown>;
  envDefaults(manifest: Manifest): Record<string, string>;
};

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));
const repository = (manifests: (Manifest | [string, string])[]) => {
  const root = manifestRepository(manifests);
  roots.push(root);
  return root;
};

const problems = (manifests: (Manifest | [string, string])[]): string[] => {
  try {
    contexts.loadContexts({ root: repository(manifests) });
  } catch (error) {
    return (error as { problems?: string[] }).problems ?? [String(error)];
  }
  return [];
};
const changed = (manifest: Manifest, change: (m: Manifest) => void): Manifest => {
  const copy = structuredClone(manifest);
  change(copy);
  return copy;
};

describe('the repository’s context manifests', () => {
  const platform = contexts.loadContexts();
  // What the hand-written lists held; contexts generated since are checked by the rules below, not listed here.
  const original = ['apps/legacy-monolith/context.manifest.json', 'apps/client-service/context.manifest.json'];
  const services = ['legacy-monolith', 'client-service', 'kafka-connect'];

  it('are valid and consistent: the legacy stand-in first, then the contexts by name', () => {
    expect(platform.manifests.filter((m) => original.includes(m.file)).map((m) => [m.file, m.kind, m.name])).toEqual([
      ['apps/legacy-monolith/context.manifest.json', 'legacy', 'legacy'],
      ['apps/client-service/context.manifest.json', 'context', 'client'],
    ]);
    const contextNames = platform.manifests.slice(1).map((m) => m.name);
    expect([platform.manifests[0].kind, contextNames]).toEqual(['legacy', [...contextNames].sort()]);
  });

  it('give the topics that tools/infra/kafka/topics.json listed by hand, and the capture’s transaction topic and its DLQ', () => {
    const week = { 'retention.ms': '604800000' };
    const dlq = { partitions: 1, config: { 'retention.ms': '2592000000' } };
    const legacyTopic = (table: string) => ({
      topic: `legacy.public.${table}`,
      partitions: 12,
      config: { ...week, 'compression.type': 'gzip' },
    });
    const originalTopics = contexts.topicsOf(platform).filter(({ owner }) => original.includes(owner));
    expect(originalTopics.map(({ owner: _owner, ...topic }) => topic)).toEqual([
      ...['CLIENTS', 'COMMANDES', 'LIGNES_COMMANDE', 'STOCK', 'PAIEMENTS', 'FACTURES'].map(legacyTopic),
      { topic: 'legacy.transaction', partitions: 12, config: { ...week, 'compression.type': 'gzip' } },
      { topic: 'legacy.transaction.dlq', ...dlq },
      { topic: 'client.events.v1', partitions: 6, config: { ...week, 'compression.type': 'producer' } },
      { topic: 'client.events.v1.dlq', ...dlq },
      { topic: 'client.legacy.CLIENTS.dlq', ...dlq },
    ]);
  });

  it('give the login roles ADR 0013 names, with the env prefixes of the generated passwords', () => {
    expect(contexts.loginRolesOf(platform).filter((role) => services.includes(role.service))).toEqual([
      {
        envPrefix: 'LEGACY',
        role: 'bascule_legacy_monolith',
        database: 'legacy',
        kind: 'owner',
        service: 'legacy-monolith',
      },
      {
        envPrefix: 'CLIENT',
        role: 'bascule_client_service',
        database: 'bascule_client',
        kind: 'owner',
        service: 'client-service',
      },
      { envPrefix: 'CDC', role: 'bascule_debezium', database: 'legacy', kind: 'cdc', service: 'kafka-connect' },
    ]);
  });

  it('declare only realm roles that tools/infra/keycloak/realm-bascule.json defines, with the same description', () => {
    const realm = JSON.parse(readFileSync(resolve(__dirname, '../keycloak/realm-bascule.json'), 'utf8'));
    const realmRoles = new Map(
      realm.roles.realm.map((r: { name: string; description: string }) => [r.name, r.description]),
    );
    for (const m of platform.manifests)
      for (const role of m.roles ?? [])
        expect([m.file, role.name, realmRoles.get(role.name)]).toEqual([m.file, role.name, role.description]);
    for (const m of platform.manifests.filter((c) => c.kind === 'context'))
      expect(realm.clients.map((c: { clientId: string }) => c.clientId)).toContain(m.service);
  });
});

describe('the environment conventions of a context (context-env.js)', () => {
  const manifest = context('order-saga', 3006);

  it('name each setting <NAME>_…, with the manifest’s value as default', () => {
    expect(envDefaults(manifest)).toEqual({
      ORDER_SAGA_HTTP_PORT: '3006',
      ORDER_SAGA_GRPC_PORT: '50056',
      ORDER_SAGA_DATABASE: 'bascule_order_saga',
      ORDER_SAGA_DB_USER: 'bascule_order_saga_service',
    });
    expect(contextSettings(manifest, {})).toEqual({
      httpPort: 3006,
      grpcPort: 50056,
      database: 'bascule_order_saga',
      dbUser: 'bascule_order_saga_service',
      dbPassword: undefined,
      publicUrl: undefined,
    });
  });

  it('take the environment’s value first', () => {
    expect(
      contextSettings(manifest, {
        ORDER_SAGA_HTTP_PORT: '4000',
        ORDER_SAGA_DATABASE: 'test_saga',
        ORDER_SAGA_DB_PASSWORD: 'p',
      }),
    ).toMatchObject({ httpPort: 4000, grpcPort: 50056, database: 'test_saga', dbPassword: 'p' });
  });
});

describe('a manifest that breaks the schema is refused, naming its file and field', () => {
  const file = 'apps/alpha-service/context.manifest.json';
  it.each<[string, (m: Manifest) => void, string]>([
    ['a missing port', (m) => delete m.httpPort, `${file}: httpPort: required`],
    ['no partitions', (m) => (m.topics[0].partitions = 0), `${file}: topics[0].partitions: must be >= 1`],
    ['an unknown field', (m) => (m.htppPort = 3001), `${file}: htppPort: not a known field`],
    ['an unknown kind', (m) => (m.kind = 'gateway'), `${file}: kind: must be one of "context", "legacy"`],
    [
      'retention.ms among the other configs',
      (m) => (m.topics[0].config = { 'retention.ms': '1' }),
      `${file}: topics[0].config: key "retention.ms" is not allowed here`,
    ],
    [
      'a capture in a context',
      (m) => (m.capture = legacy().capture),
      `${file}: capture: not allowed in a manifest of kind "context"`,
    ],
    [
      'an upper-case database',
      (m) => (m.database = 'Bascule_Alpha'),
      `${file}: database: must match pattern "^[a-z_][a-z0-9_]*$"`,
    ],
    ['a port as a string', (m) => (m.grpcPort = '50051'), `${file}: grpcPort: must be integer`],
    ['a role without a scope', (m) => (m.roles[0].name = 'read'), `${file}: roles[0].name: must match pattern`],
  ])('%s', (_, change, expected) => {
    const found = problems([legacy(), changed(context('alpha', 3001), change)]);
    expect(found).toEqual([expect.stringContaining(expected)]);
  });

  it('not JSON at all', () => {
    expect(problems([legacy(), ['alpha-service', '{ "name": "alpha", }']])).toEqual([
      expect.stringMatching(/^apps\/alpha-service\/context\.manifest\.json: not valid JSON: /),
    ]);
  });

  it('every problem at once, of every manifest', () => {
    expect(
      problems([
        changed(legacy(), (m) => delete m.capture),
        changed(context('alpha', 3001), (m) => {
          delete m.database;
          m.topics[0].retentionMs = -2;
        }),
      ]),
    ).toEqual([
      'apps/alpha-service/context.manifest.json: database: required',
      'apps/alpha-service/context.manifest.json: topics[0].retentionMs: must be >= -1',
      'apps/legacy-monolith/context.manifest.json: capture: required',
    ]);
  });
});

describe('what a schema cannot say is checked too', () => {
  const file = 'apps/alpha-service/context.manifest.json';
  it.each<[string, (m: Manifest) => void, string]>([
    [
      'an env prefix off the convention',
      (m) => (m.envPrefix = 'ALFA'),
      `${file}: envPrefix: must be "ALPHA" (the name upper-cased, - → _)`,
    ],
    [
      'an entry that does not exist',
      (m) => (m.entry = 'apps/alpha-service/src/missing.ts'),
      `${file}: entry: apps/alpha-service/src/missing.ts does not exist`,
    ],
    [
      'a topic of another context',
      (m) => (m.topics[0].name = 'beta.events.v1'),
      `${file}: topics[0].name: beta.events.v1 must start with the context's name (alpha.)`,
    ],
    ['a role declared twice', (m) => m.roles.push(m.roles[0]), `${file}: roles[1].name: alpha:read is declared twice`],
  ])('%s', (_, change, expected) => {
    expect(problems([legacy(), changed(context('alpha', 3001), change)])).toEqual([expected]);
  });

  it('a service that is not its folder’s name', () => {
    const beta = changed(context('alpha', 3001), (m) => (m.service = 'beta-service'));
    expect(problems([legacy(), ['alpha-service', JSON.stringify(beta)]])).toEqual([
      `apps/alpha-service/context.manifest.json: service: must be the app's folder name "alpha-service"`,
      'apps/alpha-service/context.manifest.json: entry: must be under apps/beta-service/',
      'apps/alpha-service/context.manifest.json: service: must be "alpha-service"',
    ]);
  });
});

describe('a saga orchestrator (ADR 0065)', () => {
  const orchestrator = (service: string) =>
    changed(context('voyage', 3001), (m) => {
      m.orchestratesSagas = true;
      m.service = service;
      m.entry = `apps/${service}/src/main.ts`;
      delete m.grpcPort;
    });

  it('may be named after its sagas and serve REST only', () => {
    expect(problems([legacy(), ['voyage', JSON.stringify(orchestrator('voyage'))]])).toEqual([]);
    expect(problems([legacy(), orchestrator('voyage-service')])).toEqual([]);
  });

  it('a context that orchestrates nothing keeps its -service name and its gRPC port', () => {
    const plain = changed(orchestrator('voyage'), (m) => delete m.orchestratesSagas);
    expect(problems([legacy(), ['voyage', JSON.stringify(plain)]])).toEqual([
      'apps/voyage/context.manifest.json: grpcPort: required',
    ]);
    const named = changed(plain, (m) => (m.grpcPort = 50099));
    expect(problems([legacy(), ['voyage', JSON.stringify(named)]])).toEqual([
      'apps/voyage/context.manifest.json: service: must be "voyage-service"',
    ]);
  });
});

describe('names, ports, databases, roles and topics are unique across manifests', () => {
  const alpha = 'apps/alpha-service/context.manifest.json';
  const beta = 'apps/beta-service/context.manifest.json';
  const legacyFile = 'apps/legacy-monolith/context.manifest.json';

  it.each<[string, (m: Manifest) => void, string]>([
    [
      'an HTTP port taken as another’s gRPC port',
      (m) => (m.httpPort = 50051),
      `port 50051 is claimed twice: ${alpha} (grpcPort) and ${beta} (httpPort)`,
    ],
    [
      'a database',
      (m) => (m.database = 'bascule_alpha'),
      `database bascule_alpha is claimed twice: ${alpha} (database) and ${beta} (database)`,
    ],
    [
      'a login role, Debezium’s included',
      (m) => (m.databaseRole = 'bascule_debezium'),
      `role bascule_debezium is claimed twice: ${legacyFile} (capture.role) and ${beta} (databaseRole)`,
    ],
    [
      'the legacy database',
      (m) => (m.database = 'legacy'),
      `database legacy is claimed twice: ${legacyFile} (database) and ${beta} (database)`,
    ],
  ])('%s', (_, change, expected) => {
    const a = changed(
      context('alpha', 3001),
      (m) => (m.legacyTables = [{ table: 'CLIENTS', dlq: { partitions: 1, retentionMs: 1 } }]),
    );
    const b = changed(context('beta', 3002), change);
    expect(problems([legacy(), a, b])).toEqual([expected]);
  });

  it('a topic listed beside the same topic’s dead-letter topic', () => {
    const found = problems([
      legacy(),
      changed(context('alpha', 3001), (m) =>
        m.topics.push({ name: 'alpha.events.v1.dlq', partitions: 1, retentionMs: 1 }),
      ),
    ]);
    expect(found).toEqual([
      `topic alpha.events.v1.dlq is claimed twice: ${alpha} (topics[0].dlq) and ${alpha} (topics[1].name)`,
    ]);
  });

  it('a context’s own two ports', () => {
    expect(problems([legacy(), changed(context('alpha', 3001), (m) => (m.grpcPort = 3001))])).toEqual([
      `port 3001 is claimed twice: ${alpha} (httpPort) and ${alpha} (grpcPort)`,
    ]);
  });

  it('a port, database, role or prefix of the infrastructure', () => {
    expect(
      problems([
        legacy(),
        changed(context('admin', 9092), (m) => {
          m.database = 'bascule_keycloak';
          m.databaseRole = 'bascule';
        }),
      ]),
    ).toEqual([
      'apps/admin-service/context.manifest.json: envPrefix: environment prefix ADMIN is taken by the administrator (ADMIN_DB_PASSWORD)',
      'apps/admin-service/context.manifest.json: httpPort: port 9092 is taken by the Kafka broker',
      'apps/admin-service/context.manifest.json: database: database bascule_keycloak is taken by Keycloak',
      'apps/admin-service/context.manifest.json: databaseRole: role bascule is taken by the administrator',
    ]);
  });

  it('two contexts capturing one legacy table, each with its own dead-letter topic of it, hold together', () => {
    const capturing = (name: string, port: number) =>
      changed(
        context(name, port),
        (m) => (m.legacyTables = [{ table: 'CLIENTS', dlq: { partitions: 1, retentionMs: 1 } }]),
      );
    const manifests = [legacy(), capturing('alpha', 3001), capturing('beta', 3002)];
    expect(problems(manifests)).toEqual([]);
    const dlqs = contexts
      .topicsOf(contexts.loadContexts({ root: repository(manifests) }))
      .filter(({ topic }) => topic.includes('CLIENTS'));
    expect(dlqs.map(({ topic, owner }) => [topic, owner])).toEqual([
      ['legacy.public.CLIENTS', legacyFile],
      ['alpha.legacy.CLIENTS.dlq', alpha],
      ['beta.legacy.CLIENTS.dlq', beta],
    ]);
  });

  it('a legacy table that is not captured', () => {
    expect(
      problems([
        legacy(),
        changed(
          context('alpha', 3001),
          (m) => (m.legacyTables = [{ table: 'FACTURES', dlq: { partitions: 1, retentionMs: 1 } }]),
        ),
      ]),
    ).toEqual([
      `${alpha}: legacyTables[0].table: FACTURES is not captured (${legacyFile} capture.tables: CLIENTS, STOCK)`,
    ]);
  });

  it('a consumed topic that no manifest publishes, and a handler declared twice', () => {
    const consumer = changed(context('beta', 3002), (m) => {
      m.consumes = [
        { topic: 'alpha.events.v1', event: 'alpha.thing-done', versions: [1], handler: 'on-thing-done' },
        { topic: 'gamma.events.v1', event: 'gamma.thing-done', versions: [1, 2], handler: 'on-gamma-thing-done' },
      ];
    });
    expect(problems([legacy(), context('alpha', 3001), consumer])).toEqual([
      `${beta}: consumes[1].topic: gamma.events.v1 is published by no manifest (no \`topics\` lists it)`,
    ]);
    consumer.consumes[1] = { ...consumer.consumes[0], versions: [2] };
    expect(problems([legacy(), context('alpha', 3001), consumer])).toEqual([
      `${beta}: consumes[1].handler: on-thing-done is declared twice`,
    ]);
  });

  it('a consumed event without versions, or consumed by the legacy stand-in', () => {
    const found = problems([
      changed(legacy(), (m) => (m.consumes = [])),
      changed(context('alpha', 3001), (m) => {
        m.consumes = [{ topic: 'alpha.events.v1', event: 'alpha.thing-done', versions: [], handler: 'on-thing-done' }];
      }),
    ]);
    expect(found).toEqual([
      `${alpha}: consumes[0].versions: must NOT have fewer than 1 items`,
      `${legacyFile}: consumes: not allowed in a manifest of kind "legacy"`,
    ]);
  });

  it('exactly one legacy manifest', () => {
    expect(problems([context('alpha', 3001)])).toEqual([
      'no manifest of kind "legacy" under apps/*/context.manifest.json (the captured legacy system)',
    ]);
    const second = changed(legacy(), (m) => {
      Object.assign(m, {
        name: 'old',
        service: 'old',
        entry: 'apps/old/src/main.ts',
        envPrefix: 'OLD',
        httpPort: 8091,
        database: 'old',
        databaseRole: 'old',
      });
      Object.assign(m.capture, { role: 'old_cdc', envPrefix: 'OLD_CDC', topicPrefix: 'old' });
    });
    expect(problems([legacy(), second])).toEqual([
      `one manifest of kind "legacy" expected, found 2: ${legacyFile}, apps/old/context.manifest.json`,
    ]);
  });
});

describe('contexts.js on the command line', () => {
  const cli = resolve(__dirname, 'contexts.js');

  it('prints what bash needs', () => {
    const run = (...args: string[]) => execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
    expect(run('databases')).toMatch(/^legacy\n(.+\n)*bascule_client\n/);
    expect(run('services')).toMatch(
      /^legacy-monolith LEGACY apps\/legacy-monolith\/src\/main.ts\n(.+\n)*client-service CLIENT apps\/client-service\/src\/main.ts\n/,
    );
    expect(run('roles')).toContain('CDC bascule_debezium legacy cdc\n');
    expect(run('capture')).toContain(`CAPTURE_TABLES_SQL='"public"."CLIENTS", "public"."COMMANDES", `);
  });

  it('stops with the problems and exit code 1 when a manifest is wrong', () => {
    const root = repository([legacy(), changed(context('alpha', 3001), (m) => (m.httpPort = 8090))]);
    const run = spawnSync(process.execPath, [cli, 'databases'], {
      encoding: 'utf8',
      env: { ...process.env, BASCULE_CONTEXTS_ROOT: root },
    });
    expect([run.status, run.stdout, run.stderr]).toEqual([
      1,
      '',
      'context manifests: 1 problem:\n  - port 8090 is claimed twice: apps/legacy-monolith/context.manifest.json (httpPort) and apps/alpha-service/context.manifest.json (httpPort)\n',
    ]);
  });
});
