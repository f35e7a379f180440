// Registers (or updates) the legacy Debezium connector from legacy-connector.json through the Connect REST
// API, as production does; `${VAR:-default}` placeholders come from the environment. Idempotent.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

function connectorConfig(env = process.env, file = join(__dirname, 'legacy-connector.json')) {
  const text = readFileSync(file, 'utf8').replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_, name, fallback) => env[name] ?? fallback ?? '');
  return JSON.parse(text);
}

async function registerConnector(env = process.env) {
  const { name, config } = connectorConfig(env);
  const url = env.CONNECT_URL ?? 'http://127.0.0.1:8083';
  const response = await fetch(`${url}/connectors/${encodeURIComponent(name)}/config`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(config) });
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
