// Local development and tests only (NODE_ENV=development|test): loads the secrets `npm run setup` generated
// into ~/.bascule/secrets into process.env, never overriding what is set, so that no password is written in the
// repository and each process still uses its own role (ADR 0013). Preloaded with `node -r ./tools/infra/local-secrets.js`
// and as a Jest setup file.
//   BASCULE_PROCESS=<service>  a process of `npm start`: its own file, processes/<service>.env, and nothing else
//                              (ADR 0036); a missing file stops it, naming the file
//   unset                      the test harness, the bench and the legacy:* scripts, which act for every process
//                              as setup does: every *.env of the folder (database, Keycloak and Kafka passwords)
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { homedir } = require('node:os');
const { join } = require('node:path');

if (['development', 'test'].includes(process.env.NODE_ENV ?? 'test')) {
  const dir = process.env.BASCULE_SECRETS ?? join(process.env.BASCULE_HOME ?? join(homedir(), '.bascule'), 'secrets');
  const own = process.env.BASCULE_PROCESS;
  if (own && !/^[a-z0-9][a-z0-9-]*$/.test(own)) throw new Error(`BASCULE_PROCESS=${own} is not a service name`);
  const files = own
    ? [join(dir, 'processes', `${own}.env`)]
    : existsSync(dir)
      ? readdirSync(dir)
          .filter((name) => name.endsWith('.env'))
          .map((name) => join(dir, name))
      : [];
  if (own && !existsSync(files[0]))
    throw new Error(`${own}: no secrets file ${files[0]} (npm run setup writes one per process of npm start)`);
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
      if (match && process.env[match[1]] === undefined) process.env[match[1]] = match[2];
    }
  }
}
// Tests (and the services they spawn) log in to Kafka as the admin principal unless told another (ADR 0032);
// `npm start` gives each service its own (its processes/<service>.env).
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
