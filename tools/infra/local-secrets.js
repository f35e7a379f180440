// Local development and tests only (NODE_ENV=development|test): loads the secrets `npm run setup` generated
// into ~/.bascule/secrets (*.env: database, Keycloak and Kafka passwords) into process.env, never overriding what is
// set, so that no password is written in the repository and each process still uses its own role (ADR 0013).
// Preloaded with `node -r ./tools/infra/local-secrets.js` and as a Jest setup file.
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { homedir } = require('node:os');
const { join } = require('node:path');

if (['development', 'test'].includes(process.env.NODE_ENV ?? 'test')) {
  const dir = process.env.BASCULE_SECRETS ?? join(process.env.BASCULE_HOME ?? join(homedir(), '.bascule'), 'secrets');
  const files = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.env')) : [];
  for (const file of files) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
      if (match && process.env[match[1]] === undefined) process.env[match[1]] = match[2];
    }
  }
}
// Tests (and the services they spawn) log in to Kafka as the admin principal unless told another (ADR 0032);
// `npm start` gives each service its own.
const env = process.env;
if (
  (env.NODE_ENV ?? 'test') === 'test' &&
  !env.KAFKA_SASL_USERNAME &&
  !env.KAFKA_SASL_PASSWORD &&
  env.KAFKA_ADMIN_PASSWORD
) {
  env.KAFKA_SASL_USERNAME = 'bascule-admin';
  env.KAFKA_SASL_PASSWORD = env.KAFKA_ADMIN_PASSWORD;
}
