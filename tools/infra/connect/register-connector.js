// Registers (or updates) the legacy Debezium connector from legacy-connector.json through the Connect REST
// API, as production does; `${VAR:-default}` placeholders come from the environment. Secrets stay
// `${file:<CONNECT_SECRETS_FILE>:<key>}` references that the worker's FileConfigProvider resolves, so the
// REST API never holds them (ADR 0013). Idempotent.
const { readFileSync } = require('node:fs');
const { homedir } = require('node:os');
const { join } = require('node:path');

const secretsDir = (env = process.env) =>
  env.BASCULE_SECRETS ?? join(env.BASCULE_HOME ?? join(homedir(), '.bascule'), 'secrets');

function connectorConfig(env = process.env, file = join(__dirname, 'legacy-connector.json')) {
  const vars = { CONNECT_SECRETS_FILE: join(secretsDir(env), 'connect.properties'), ...env };
  const text = readFileSync(file, 'utf8').replace(
    /\$\{(\w+)(?::-([^}]*))?\}/g,
    (_, name, fallback) => vars[name] ?? fallback ?? '',
  );
  return JSON.parse(text);
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
