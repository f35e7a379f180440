#!/usr/bin/env node
// The one loader of the context manifests (ADR 0017): finds every apps/*/context.manifest.json, validates each
// against context-manifest.schema.json, checks that names, ports, databases, roles and topics are unique across
// them, and gives each consumer what it needs — Node scripts require it, bash runs it:
//
//   node tools/infra/contexts/contexts.js check        validates; one line per manifest
//   node tools/infra/contexts/contexts.js databases    one database per line (every process's own)
//   node tools/infra/contexts/contexts.js roles        "<ENV_PREFIX> <role> <database> owner|cdc" per login role setup makes
//   node tools/infra/contexts/contexts.js services     "<service> <ENV_PREFIX> <entry>" per process npm start runs
//   node tools/infra/contexts/contexts.js env          "<NAME>=<default>" per setting a process reads (context-env.js),
//                                                       and each context's <NAME>_AUTHORIZED_PARTIES (ADR 0036)
//   node tools/infra/contexts/contexts.js capture      shell assignments for the legacy capture (eval in bash)
//   node tools/infra/contexts/contexts.js topics-json  every topic to create: [{ topic, partitions, config }]
//   node tools/infra/contexts/contexts.js manifest <service>   one validated manifest, as JSON
//   node tools/infra/contexts/contexts.js calls        "<caller> -> <callee>: <rpc,...> needs <role,...>" per manifest call
//
// A problem stops every command with the file and field it is in (exit 1). BASCULE_CONTEXTS_ROOT reads the
// manifests of another tree (the loader's own tests).
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const Ajv2020 = require('ajv/dist/2020').default;
const schema = require('./context-manifest.schema.json');
const { envPrefixOf, envDefaults, envNames } = require('./context-env');
const { grpcRolesOf, listUnder } = require('./grpc-roles');

const ROOT = resolve(__dirname, '../../..');
const MANIFEST = 'context.manifest.json';
const REALM_FILE = 'tools/infra/keycloak/realm-bascule.json';

/** What the machine's infrastructure and the platform already use (INFRASTRUCTURE.md, env.sh, ADR 0013). */
const RESERVED = {
  port: new Map([
    [5432, 'PostgreSQL'],
    [8083, 'the Kafka Connect REST API'],
    [8180, 'Keycloak'],
    [9180, "Keycloak's management port"],
    [9092, 'the Kafka broker'],
    [9093, 'the Kafka controller'],
  ]),
  database: new Map([
    ['postgres', 'PostgreSQL'],
    ['template0', 'PostgreSQL'],
    ['template1', 'PostgreSQL'],
    ['bascule_keycloak', 'Keycloak'],
  ]),
  role: new Map([
    ['postgres', 'PostgreSQL'],
    ['bascule', 'the administrator'],
    ['bascule_keycloak', 'Keycloak'],
  ]),
  'environment prefix': new Map([
    ['ADMIN', 'the administrator (ADMIN_DB_PASSWORD)'],
    ['BASCULE', 'the platform (BASCULE_DB_USER, BASCULE_HOME)'],
    ['KEYCLOAK', 'Keycloak (KEYCLOAK_DB_PASSWORD)'],
    ['CONNECT', 'Kafka Connect (CONNECT_KAFKA_PASSWORD, CONNECT_URL)'],
  ]),
};

class ManifestError extends Error {
  constructor(problems) {
    super(
      `context manifests: ${problems.length} problem${problems.length > 1 ? 's' : ''}:\n  - ${problems.join('\n  - ')}`,
    );
    this.name = 'ManifestError';
    this.problems = problems;
  }
}

let compiled;
const schemaErrors = (data) => {
  compiled ??= new Ajv2020({ allErrors: true }).compile(schema);
  // `if` and `propertyNames` only repeat, less precisely, what the errors under them say.
  return compiled(data) ? [] : compiled.errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'propertyNames');
};

/** `/topics/0/partitions` → `topics[0].partitions`. */
const fieldOf = (pointer) =>
  pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');

function describeSchemaError(error, data) {
  const at = fieldOf(error.instancePath);
  const inside = (name) => (at ? `${at}.${name}` : name);
  switch (error.keyword) {
    case 'required':
      return `${inside(error.params.missingProperty)}: required`;
    case 'additionalProperties':
      return `${inside(error.params.additionalProperty)}: not a known field`;
    case 'false schema':
      return `${at}: not allowed in a manifest of kind ${JSON.stringify(data?.kind)}`;
    case 'not':
      return `${at}: key ${JSON.stringify(error.propertyName ?? '')} is not allowed here`;
    case 'enum':
      return `${at}: must be one of ${error.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${at || '(the manifest)'}${error.propertyName ? ` (key ${JSON.stringify(error.propertyName)})` : ''}: ${error.message}`;
  }
}

/**
 * The repository's files as the loader reads them: from disk, or from anything else that holds them (the
 * bounded-context generator passes its virtual tree, so a new context is checked before it is written).
 */
const diskFiles = (root) => ({
  apps: () =>
    existsSync(join(root, 'apps'))
      ? readdirSync(join(root, 'apps'), { withFileTypes: true })
          .filter((e) => e.isDirectory())
          .map((e) => e.name)
      : [],
  exists: (file) => existsSync(join(root, file)),
  read: (file) => readFileSync(join(root, file), 'utf8'),
  list: (dir) =>
    existsSync(join(root, dir)) ? listUnder((at) => readdirSync(join(root, at), { withFileTypes: true }), dir) : [],
});

/** The manifests' files, relative to the repository root, in a stable order. */
function manifestFiles(files) {
  return files
    .apps()
    .map((app) => `apps/${app}/${MANIFEST}`)
    .filter((file) => files.exists(file))
    .sort();
}

/** Problems of one manifest alone: its schema, then what a schema cannot say. */
function problemsOf(data, file, files = diskFiles(ROOT)) {
  const errors = schemaErrors(data);
  if (errors.length) return errors.map((error) => `${file}: ${describeSchemaError(error, data)}`);
  const problems = [];
  const at = (field, message) => problems.push(`${file}: ${field}: ${message}`);
  const folder = file.split('/').slice(-2, -1)[0];
  if (folder && data.service !== folder) at('service', `must be the app's folder name ${JSON.stringify(folder)}`);
  if (data.envPrefix !== envPrefixOf(data.name))
    at('envPrefix', `must be ${JSON.stringify(envPrefixOf(data.name))} (the name upper-cased, - → _)`);
  if (!data.entry.startsWith(`apps/${data.service}/`)) at('entry', `must be under apps/${data.service}/`);
  else if (!files.exists(data.entry)) at('entry', `${data.entry} does not exist`);
  if (data.databaseSchema && !files.exists(data.databaseSchema))
    at('databaseSchema', `${data.databaseSchema} does not exist`);
  if (data.kind === 'context') {
    // An orchestrator may be named after what it orchestrates (`order-saga`), ADR 0065.
    const named = [`${data.name}-service`, ...(data.orchestratesSagas ? [data.name] : [])];
    if (!named.includes(data.service)) at('service', `must be ${named.map((n) => JSON.stringify(n)).join(' or ')}`);
    data.topics.forEach((topic, i) => {
      if (!topic.name.startsWith(`${data.name}.`))
        at(`topics[${i}].name`, `${topic.name} must start with the context's name (${data.name}.)`);
    });
  }
  const handlers = (data.consumes ?? []).map((consumed) => consumed.handler);
  handlers.forEach((handler, i) => {
    if (handlers.indexOf(handler) !== i) at(`consumes[${i}].handler`, `${handler} is declared twice`);
  });
  const roles = (data.roles ?? []).map((role) => role.name);
  roles.forEach((role, i) => {
    if (roles.indexOf(role) !== i) at(`roles[${i}].name`, `${role} is declared twice`);
  });
  return problems;
}

/** The captured tables' topics, as Debezium names them: `<topicPrefix>.<schema>.<TABLE>`. */
const capturedTopic = (capture, table) => `${capture.topicPrefix}.${capture.schema}.${table}`;
/**
 * A context's own dead-letter topic of a captured table, `<context>.<topicPrefix>.<TABLE>.dlq` (ADR 0044): several
 * contexts capture one table ("migration by aspiration"), each sets aside what it cannot take in its own topic, which
 * it alone writes (the legacy sync names it the same way: `legacyDeadLetterTopic` in libs/shared/legacy-sync).
 */
const legacyDeadLetterTopic = (context, capture, table) => `${context.name}.${capture.topicPrefix}.${table}.dlq`;
/** Debezium's transaction metadata topic (`provide.transaction.metadata`), read by grouped syncs (ADR 0031). */
const transactionTopic = (capture) => `${capture.topicPrefix}.transaction`;
/** Where a grouped sync sets aside a transaction event it cannot read, when the manifest does not say. */
const DEFAULT_TRANSACTION_DLQ = { partitions: 1, retentionMs: 2592000000 };
/** Every participant's replies to saga commands (ADR 0056), made once some context takes part in a saga. */
const SAGA_REPLIES_TOPIC = 'saga.replies.v1';
const SAGA_REPLIES = { partitions: 6, retentionMs: 604800000, dlq: { partitions: 1, retentionMs: 2592000000 } };
/** The owner of the topics sagas share (no one manifest publishes them alone). */
const SAGA_OWNER = 'sagas (ADR 0056)';
const takesPartInSagas = (manifests) => manifests.some((m) => m.sagaCommands);

/**
 * Problems between manifests: one legacy manifest, every name, port, database, role and topic claimed once, every
 * consumed topic published by a manifest.
 */
function crossProblems(entries) {
  const problems = [];
  const legacy = entries.filter((e) => e.manifest.kind === 'legacy');
  if (legacy.length !== 1)
    problems.push(
      legacy.length === 0
        ? 'no manifest of kind "legacy" under apps/*/context.manifest.json (the captured legacy system)'
        : `one manifest of kind "legacy" expected, found ${legacy.length}: ${legacy.map((e) => e.file).join(', ')}`,
    );
  const claims = new Map();
  const claim = (what, value, file, field) => {
    const reserved = RESERVED[what]?.get(value);
    if (reserved) return problems.push(`${file}: ${field}: ${what} ${value} is taken by ${reserved}`);
    const key = `${what}\u0000${value}`;
    const first = claims.get(key);
    if (first)
      return problems.push(`${what} ${value} is claimed twice: ${first.file} (${first.field}) and ${file} (${field})`);
    claims.set(key, { file, field });
  };
  const capture = legacy.length === 1 ? legacy[0].manifest.capture : undefined;
  for (const { file, manifest: m } of entries) {
    claim('context name', m.name, file, 'name');
    claim('service', m.service, file, 'service');
    claim('environment prefix', m.envPrefix, file, 'envPrefix');
    claim('port', m.httpPort, file, 'httpPort');
    if (m.grpcPort !== undefined) claim('port', m.grpcPort, file, 'grpcPort');
    claim('database', m.database, file, 'database');
    claim('role', m.databaseRole, file, 'databaseRole');
    (m.topics ?? []).forEach((topic, i) => {
      claim('topic', topic.name, file, `topics[${i}].name`);
      if (topic.dlq) claim('topic', `${topic.name}.dlq`, file, `topics[${i}].dlq`);
    });
    if (m.sagaCommands) {
      const { name, dlq } = m.sagaCommands.topic;
      if (name !== `${m.name}.commands.v1`)
        problems.push(`${file}: sagaCommands.topic.name: ${name} must be ${m.name}.commands.v1`);
      claim('topic', name, file, 'sagaCommands.topic.name');
      if (dlq) claim('topic', `${name}.dlq`, file, 'sagaCommands.topic.dlq');
    }
    if (m.capture) {
      claim('environment prefix', m.capture.envPrefix, file, 'capture.envPrefix');
      claim('role', m.capture.role, file, 'capture.role');
      m.capture.tables.forEach((table, i) =>
        claim('topic', capturedTopic(m.capture, table), file, `capture.tables[${i}]`),
      );
      claim('topic', transactionTopic(m.capture), file, 'capture.topicPrefix');
      claim('topic', `${transactionTopic(m.capture)}.dlq`, file, 'capture.transactionDlq');
    }
    (m.legacyTables ?? []).forEach(({ table }, i) => {
      if (capture && !capture.tables.includes(table))
        problems.push(
          `${file}: legacyTables[${i}].table: ${table} is not captured (${legacy[0].file} capture.tables: ${capture.tables.join(', ')})`,
        );
      else if (capture) claim('topic', legacyDeadLetterTopic(m, capture, table), file, `legacyTables[${i}].dlq`);
    });
  }
  const published = new Set(entries.flatMap(({ manifest: m }) => (m.topics ?? []).map((topic) => topic.name)));
  for (const { file, manifest: m } of entries)
    (m.consumes ?? []).forEach(({ topic }, i) => {
      if (!published.has(topic))
        problems.push(`${file}: consumes[${i}].topic: ${topic} is published by no manifest (no \`topics\` lists it)`);
    });
  return problems;
}

/**
 * What each context's `calls` grants it: per callee, the rpcs and the realm roles they require, read from the
 * callee's code (grpc-roles.js). Problems: an unknown callee, a call to itself, an rpc the callee does not serve.
 */
function callsOf(entries, files) {
  const problems = [];
  const grants = [];
  const byName = new Map(entries.map((e) => [e.manifest.name, e.manifest]));
  const served = new Map();
  const servedBy = (context) => {
    if (!served.has(context)) {
      const found = grpcRolesOf(files, context);
      problems.push(...found.problems);
      served.set(context, found.rpcs);
    }
    return served.get(context);
  };
  for (const { file, manifest: m } of entries)
    (m.calls ?? []).forEach((call, i) => {
      const at = `${file}: calls[${i}].context`;
      const callee = byName.get(call.context);
      if (call.context === m.name) return problems.push(`${at}: a context does not call itself over gRPC`);
      if (!callee || callee.kind !== 'context')
        return problems.push(
          `${at}: ${call.context} is not a context (known: ${entries
            .filter((e) => e.manifest.kind === 'context' && e.manifest.name !== m.name)
            .map((e) => e.manifest.name)
            .join(', ')})`,
        );
      if (m.calls.findIndex((other) => other.context === call.context) !== i)
        return problems.push(`${at}: ${call.context} is listed twice`);
      const rpcs = servedBy(call.context);
      const roles = new Set();
      call.rpcs.forEach((rpc, j) => {
        const grant = rpcs.get(rpc);
        if (!grant)
          problems.push(
            `${file}: calls[${i}].rpcs[${j}]: ${call.context} serves no rpc ${rpc} (it serves: ${[...rpcs.keys()].join(', ') || 'none'})`,
          );
        else grant.roles.forEach((role) => roles.add(role));
      });
      grants.push({ caller: m.service, callee: callee.service, rpcs: call.rpcs, roles: [...roles].sort() });
    });
  return { problems, grants };
}

const byKindThenName = ({ manifest: a }, { manifest: b }) =>
  a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'legacy' ? -1 : 1;

/**
 * Every manifest, validated and checked together; throws a ManifestError listing every problem (file and field).
 * The legacy manifest comes first, then the contexts by name.
 */
function loadContexts({ root = process.env.BASCULE_CONTEXTS_ROOT || ROOT, files = diskFiles(root) } = {}) {
  const problems = [];
  const entries = [];
  for (const file of manifestFiles(files)) {
    let manifest;
    try {
      manifest = JSON.parse(files.read(file));
    } catch (error) {
      problems.push(`${file}: not valid JSON: ${error.message}`);
      continue;
    }
    const own = problemsOf(manifest, file, files);
    problems.push(...own);
    if (own.length === 0) entries.push({ file, manifest });
  }
  entries.sort(byKindThenName);
  if (problems.length === 0) problems.push(...crossProblems(entries));
  const calls = problems.length === 0 ? callsOf(entries, files) : { problems: [], grants: [] };
  problems.push(...calls.problems);
  if (problems.length) throw new ManifestError(problems);
  const manifests = entries.map(({ file, manifest }) =>
    Object.defineProperty({ ...manifest }, 'file', { value: file }),
  );
  return {
    root,
    manifests,
    legacy: manifests.find((m) => m.kind === 'legacy'),
    contexts: manifests.filter((m) => m.kind === 'context'),
    /** Per caller and callee: the rpcs it calls and the realm roles they require (from the callee's @Roles). */
    calls: calls.grants,
  };
}

const topicConfig = (settings) => ({ 'retention.ms': String(settings.retentionMs), ...(settings.config ?? {}) });

/**
 * Every topic the platform creates up front, with its owner: contexts' topics and DLQs, the captured tables', each
 * context's DLQ of each table it captures, the capture's transaction topic and its DLQ (written by every context with
 * legacy tables).
 */
function topicsOf(platform) {
  const topics = [];
  const add = (topic, settings, owner) =>
    topics.push({ topic, partitions: settings.partitions, config: topicConfig(settings), owner });
  for (const m of platform.manifests) {
    if (m.capture) {
      for (const table of m.capture.tables) add(capturedTopic(m.capture, table), m.capture.topic, m.file);
      add(transactionTopic(m.capture), m.capture.topic, m.file);
      add(`${transactionTopic(m.capture)}.dlq`, m.capture.transactionDlq ?? DEFAULT_TRANSACTION_DLQ, m.file);
    }
    for (const topic of m.topics ?? []) {
      add(topic.name, topic, m.file);
      if (topic.dlq) add(`${topic.name}.dlq`, topic.dlq, m.file);
    }
    for (const { table, dlq } of m.legacyTables ?? [])
      add(legacyDeadLetterTopic(m, platform.legacy.capture, table), dlq, m.file);
    if (m.sagaCommands) {
      const { topic } = m.sagaCommands;
      // Written by the saga orchestrators, read by the context: the context owns only its dead letters.
      add(topic.name, topic, SAGA_OWNER);
      if (topic.dlq) add(`${topic.name}.dlq`, topic.dlq, m.file);
    }
  }
  if (takesPartInSagas(platform.manifests)) {
    add(SAGA_REPLIES_TOPIC, SAGA_REPLIES, SAGA_OWNER);
    add(`${SAGA_REPLIES_TOPIC}.dlq`, SAGA_REPLIES.dlq, SAGA_OWNER);
  }
  return topics;
}

/** Every login role setup makes for a process: each database's owner, then Debezium's (ADR 0013). */
function loginRolesOf(platform) {
  const roles = platform.manifests.map((m) => ({
    envPrefix: m.envPrefix,
    role: m.databaseRole,
    database: m.database,
    kind: 'owner',
    service: m.service,
  }));
  const { capture, database } = platform.legacy;
  roles.push({ envPrefix: capture.envPrefix, role: capture.role, database, kind: 'cdc', service: 'kafka-connect' });
  return roles;
}

/** What the capture needs: the publication, Debezium's grants, the connector's table.include.list, the topics. */
function captureOf(platform) {
  const legacy = platform.legacy;
  const { capture } = legacy;
  return {
    ...capture,
    database: legacy.database,
    ownerEnvPrefix: legacy.envPrefix,
    ownerRole: legacy.databaseRole,
    databaseSchema: legacy.databaseSchema,
    tableIncludeList: capture.tables.map((table) => `${capture.schema}.${table}`).join(','),
    tablesSql: capture.tables.map((table) => `"${capture.schema}"."${table}"`).join(', '),
    topics: capture.tables.map((table) => ({ table, topic: capturedTopic(capture, table) })),
  };
}

/**
 * npm start's local defaults: each manifest's settings (context-env.js), and for each context the clients whose
 * tokens it accepts, from the realm file Keycloak was given (authorized-parties.js; the callers' clients first).
 */
function localEnv(platform) {
  const { authorizedPartiesOf } = require('./authorized-parties');
  const realmFile = [platform.root, ROOT].map((root) => join(root, REALM_FILE)).find((file) => existsSync(file));
  const realm = realmFile ? JSON.parse(readFileSync(realmFile, 'utf8')) : undefined;
  return platform.manifests.flatMap((m) =>
    Object.entries({
      ...envDefaults(m),
      ...(m.kind === 'context'
        ? { [envNames(m).authorizedParties]: authorizedPartiesOf(platform, m, realm, { local: true }).join(',') }
        : {}),
    }).map(([name, value]) => `${name}=${value}`),
  );
}

const shellQuote = (value) => `'${String(value).replace(/'/g, `'\\''`)}'`;

const commands = {
  check: (p) => p.manifests.map((m) => `${m.file}: ${m.kind} ${m.name} (${m.service}) ok`),
  databases: (p) => p.manifests.map((m) => m.database),
  roles: (p) => loginRolesOf(p).map((r) => `${r.envPrefix} ${r.role} ${r.database} ${r.kind}`),
  services: (p) => p.manifests.map((m) => `${m.service} ${m.envPrefix} ${m.entry}`),
  env: localEnv,
  capture: (p) => {
    const c = captureOf(p);
    return Object.entries({
      CAPTURE_DATABASE: c.database,
      CAPTURE_OWNER_ENV_PREFIX: c.ownerEnvPrefix,
      CAPTURE_DATABASE_SCHEMA: c.databaseSchema ?? '',
      CAPTURE_ENV_PREFIX: c.envPrefix,
      CAPTURE_ROLE: c.role,
      CAPTURE_SCHEMA: c.schema,
      CAPTURE_PUBLICATION: c.publication,
      CAPTURE_TABLES: c.tables.join(' '),
      CAPTURE_TABLES_SQL: c.tablesSql,
    }).map(([name, value]) => `${name}=${shellQuote(value)}`);
  },
  'topics-json': (p) => [
    JSON.stringify(
      topicsOf(p).map(({ topic, partitions, config }) => ({ topic, partitions, config })),
      null,
      2,
    ),
  ],
  calls: (p) => p.calls.map((c) => `${c.caller} -> ${c.callee}: ${c.rpcs.join(',')} needs ${c.roles.join(',')}`),
  manifest: (p, service) => {
    const m = p.manifests.find((candidate) => candidate.service === service || candidate.name === service);
    if (!m) throw new Error(`no manifest for ${service} (known: ${p.manifests.map((c) => c.service).join(', ')})`);
    return [JSON.stringify(m, null, 2)];
  },
};

/** A context's management port (/metrics, ADR 0034): its HTTP port + 1000, as `serviceConfigFromEnv` defaults it. */
const metricsPortOf = (m) => m.httpPort + 1000;

module.exports = {
  ROOT,
  SAGA_REPLIES_TOPIC,
  transactionTopic,
  metricsPortOf,
  MANIFEST,
  ManifestError,
  manifestFiles,
  problemsOf,
  crossProblems,
  callsOf,
  grpcRolesOf,
  loadContexts,
  localEnv,
  topicsOf,
  loginRolesOf,
  captureOf,
  capturedTopic,
  legacyDeadLetterTopic,
};

if (require.main === module) {
  const [command, ...args] = process.argv.slice(2);
  if (!commands[command]) {
    console.error(`usage: contexts.js ${Object.keys(commands).join('|')}`);
    process.exit(2);
  }
  try {
    const lines = commands[command](loadContexts(), ...args);
    if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
  } catch (error) {
    console.error(error instanceof ManifestError ? error.message : `contexts: ${error.message}`);
    process.exit(1);
  }
}
