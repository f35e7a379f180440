// Registers (or updates) the legacy Debezium connector from legacy-connector.json through the Connect REST
// API, as production does. `${VAR}` and `${VAR:-default}` placeholders come from the environment, else from the
// legacy stand-in's manifest (apps/legacy-monolith/context.manifest.json, ADR 0017): LEGACY_DATABASE,
// LEGACY_TOPIC_PREFIX, LEGACY_SLOT, LEGACY_PUBLICATION and LEGACY_TABLE_INCLUDE_LIST (its captured tables);
// the captured tables' topic settings (`capture.topic`) become topic.creation.default.*, so a topic Debezium
// creates itself matches the one create-topics.js makes. Secrets stay `${file:<CONNECT_SECRETS_FILE>:<key>}`
// references that the worker's FileConfigProvider resolves, so the REST API never holds them (ADR 0013).
// The connector writes as the worker's principal, kafka-connect, which may write the manifest's captured topics only
// (ADR 0032); a test's connector (NODE_ENV=test, a topic prefix of its own) logs in as the admin instead.
// Idempotent.
const { existsSync, readFileSync } = require('node:fs');
const { homedir } = require('node:os');
const { join } = require('node:path');
const { captureOf, loadContexts } = require('../contexts/contexts');

const secretsDir = (env = process.env) =>
  env.BASCULE_SECRETS ?? join(env.BASCULE_HOME ?? join(homedir(), '.bascule'), 'secrets');

/** connect/connect.properties (ADR 0036); an installation setup has not moved yet keeps its file beside the others. */
function defaultSecretsFile(env) {
  const file = join(secretsDir(env), 'connect', 'connect.properties');
  const before = join(secretsDir(env), 'connect.properties');
  return !existsSync(file) && existsSync(before) ? before : file;
}

/** The values the connector file may name, from the legacy manifest. */
function manifestVariables(platform = loadContexts()) {
  const capture = captureOf(platform);
  return {
    LEGACY_DATABASE: capture.database,
    LEGACY_TOPIC_PREFIX: capture.topicPrefix,
    LEGACY_SLOT: capture.slot,
    LEGACY_PUBLICATION: capture.publication,
    LEGACY_TABLE_INCLUDE_LIST: capture.tableIncludeList,
  };
}

function connectorConfig(
  env = process.env,
  file = join(__dirname, 'legacy-connector.json'),
  platform = loadContexts(),
) {
  const vars = {
    ...manifestVariables(platform),
    CONNECT_SECRETS_FILE: defaultSecretsFile(env),
    ...env,
  };
  const text = readFileSync(file, 'utf8').replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_, name, fallback) => {
    const value = vars[name] ?? fallback;
    if (value === undefined) throw new Error(`connect: ${file} names \${${name}}, which is set nowhere`);
    return value;
  });
  const connector = JSON.parse(text);
  const { topic } = captureOf(platform);
  const topicDefaults = {
    'topic.creation.default.partitions': String(topic.partitions),
    'topic.creation.default.retention.ms': String(topic.retentionMs),
    ...Object.fromEntries(
      Object.entries(topic.config ?? {}).map(([key, value]) => [`topic.creation.default.${key}`, value]),
    ),
  };
  const ownPrefix = env.NODE_ENV === 'test' && connector.config['topic.prefix'] !== captureOf(platform).topicPrefix;
  return { ...connector, config: { ...connector.config, ...topicDefaults, ...(ownPrefix ? adminLogin(env) : {}) } };
}

/**
 * The connector's producer and admin client as the admin (the worker allows principal overrides), by reference to
 * the admin login setup writes beside connect.properties, in the folder the worker may read (local installations
 * only; ADR 0036); nothing on an installation without Kafka logins.
 */
function adminLogin(env) {
  const file = join(secretsDir(env), 'connect', 'admin-login.properties');
  if (!existsSync(file)) return {};
  const jaas = `\${file:${file}:kafka.sasl.jaas.config}`;
  return { 'producer.override.sasl.jaas.config': jaas, 'admin.override.sasl.jaas.config': jaas };
}

async function registerConnector(env = process.env) {
  const { name, config } = connectorConfig(env);
  const url = env.CONNECT_URL ?? 'http://127.0.0.1:8083';
  const response = await fetch(`${url}/connectors/${encodeURIComponent(name)}/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(config),
  });
  if (!response.ok) throw new Error(`connect: registering ${name} failed: ${response.status} ${await response.text()}`);
  return name;
}

module.exports = { connectorConfig, registerConnector };

if (require.main === module) {
  registerConnector()
    .then((name) => console.log(`connect: connector ${name} registered`))
    .catch((error) => {
      console.error(error.message);
      process.exit(1);
    });
}
