// Local development and tests only (NODE_ENV=development|test): loads the secrets `npm run setup` generated
// into ~/.bascule/secrets (*.env: database and Keycloak passwords) into process.env, never overriding what is
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
  // Tests on a machine whose secrets folder predates the personal-data master key (ADR 0033): a random one per
  // Jest process, inherited by the services it spawns, never written anywhere.
  if (process.env.NODE_ENV === 'test' && process.env.PERSONAL_DATA_MASTER_KEY === undefined)
    process.env.PERSONAL_DATA_MASTER_KEY = require('node:crypto').randomBytes(32).toString('hex');
}
