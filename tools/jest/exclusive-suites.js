// The integration and e2e suites that must run alone (ADR 0066): those whose docblock, at the top of the file, says
// `@exclusive <why>` (read as Jest reads `@jest-environment`). jest.config.js keeps them out of, or alone in, a run
// (BASCULE_SUITES=shared|exclusive); tools/jest/run-tests.sh runs the others side by side, then these one at a time.
const { readdirSync, readFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const { extract, parse } = require('jest-docblock');

const root = join(__dirname, '../..');
const folders = ['apps', 'libs', 'tools'];
const suiteFile = /\.(int|e2e)-spec\.ts$/;

/** What makes a suite disturb the others; a suite whose own text matches one must carry `@exclusive`. */
const disturbances = [
  [
    /\b(broker|connect|keycloak)\.sh\b/,
    'runs a script that starts, stops or secures the shared Kafka, Connect or Keycloak',
  ],
  [/\bconnectWorkerPid\b/, 'signals the shared Kafka Connect worker'],
  [/\bbroker\(\s*'(stop|start)'/, 'stops or starts the shared broker'],
  [/\brotateRealmSigningKey\b/, "changes the shared realm's signing keys"],
  [/\bprepare\.sh\b|\bapply-acls\b/, 'reconfigures the shared PostgreSQL or the broker-wide ACLs'],
  [/\b(createAcls|deleteAcls|alterConfigs|alterClientQuotas)\b/, 'changes broker-wide ACLs, quotas or configs'],
  [/ALTER SYSTEM|pg_reload_conf|ALTER ROLE/i, 'changes settings of the shared PostgreSQL cluster'],
  [/_PORT:\s*'\d+'/, 'listens on a fixed port (freePort() gives a free one)'],
];

/** Every integration and e2e suite under apps, libs and tools, as a path from the repository's root. */
function allSuites(base = root) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (['node_modules', 'dist', 'tmp'].includes(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (suiteFile.test(entry.name)) found.push(relative(base, path));
    }
  };
  for (const folder of folders) walk(join(base, folder));
  return found.sort();
}

/**
 * The reason a suite's docblock gives with `pragma` ('' when it has the pragma without one), or undefined:
 * `exclusive` (it must run alone) or `parallel-safe` (what the check below flags in it is harmless, and why).
 */
function pragmaReason(source, pragma = 'exclusive') {
  const reason = parse(extract(source))[pragma];
  if (reason === undefined) return undefined;
  return [reason].flat().join(' ').trim();
}

/** What a suite's code (its comments left out) does that disturbs the others, as the reasons of `disturbances`. */
function disturbancesOf(source) {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return disturbances.filter(([pattern]) => pattern.test(code)).map(([, what]) => what);
}

/** The suites that must run alone, with their reasons. */
function exclusiveSuites(base = root) {
  return allSuites(base)
    .map((path) => ({ path, reason: pragmaReason(readFileSync(join(base, path), 'utf8')) }))
    .filter((suite) => suite.reason !== undefined);
}

module.exports = { allSuites, pragmaReason, disturbancesOf, exclusiveSuites };

if (require.main === module)
  for (const { path, reason } of exclusiveSuites())
    console.log(process.argv.includes('--why') ? `${path}: ${reason}` : path);
