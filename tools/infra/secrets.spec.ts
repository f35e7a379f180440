import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventually, waitForExit } from '@bascule/shared/testing';
import { context, legacy, manifestRepository } from './contexts/manifest-fixtures';

/** secrets.sh in a temporary folder (never the installation's own secrets). */
describe('secrets.sh: a password per login role of the manifests, connect.properties in step with postgres.env', () => {
  const home = mkdtempSync(join(tmpdir(), 'bascule-secrets-'));
  const secrets = join(home, 'secrets');
  // The installation's manifests as they are today (not the workspace's: a generated context must not change this spec).
  const today = manifestRepository([legacy(), context('client', 3001)]);
  const ensure = (env: NodeJS.ProcessEnv = {}) =>
    execFileSync('bash', ['-c', `set -euo pipefail; source ${resolve(__dirname, 'secrets.sh')}; ensure_secrets`], {
      env: {
        ...process.env,
        BASCULE_HOME: home,
        BASCULE_SECRETS: secrets,
        CONNECT_SECRETS_FILE: '',
        BASCULE_CONTEXTS_ROOT: today,
        ...env,
      },
      encoding: 'utf8',
    });
  const properties = () =>
    Object.fromEntries(
      readFileSync(join(secrets, 'connect', 'connect.properties'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split(/=(.*)/s).slice(0, 2)),
    );
  const manifests = manifestRepository([legacy(), context('client', 3001), context('specimen', 3002)]);
  afterAll(() => [home, manifests, today].forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('rewrites the CDC password from a regenerated postgres.env, and keeps the salt', () => {
    ensure();
    const first = properties();
    expect(first['legacy.hash.salt']).toMatch(/^[0-9a-f]{64}$/);
    const env = readFileSync(join(secrets, 'postgres.env'), 'utf8');
    expect(first['legacy.db.password']).toBe(/^CDC_DB_PASSWORD=(.*)$/m.exec(env)?.[1]);
    writeFileSync(join(secrets, 'postgres.env'), env.replace(/^CDC_DB_PASSWORD=.*$/m, 'CDC_DB_PASSWORD=regenerated'));
    ensure();
    expect(properties()).toEqual({ ...first, 'legacy.db.password': 'regenerated' });
    expect(statSync(join(secrets, 'connect', 'connect.properties')).mode & 0o777).toBe(0o600);
  });

  it('gives each Kafka principal its password, and Connect its SASL login through connect.properties', () => {
    const kafka = readFileSync(join(secrets, 'kafka.env'), 'utf8');
    for (const key of [
      'KAFKA_ADMIN_PASSWORD',
      'CONNECT_KAFKA_PASSWORD',
      'CLIENT_KAFKA_PASSWORD',
      'KAFKA_CONTROLLER_PASSWORD',
    ])
      expect(kafka).toMatch(new RegExp(`^${key}=[0-9a-f]{64}$`, 'm'));
    const connectPassword = /^CONNECT_KAFKA_PASSWORD=(.*)$/m.exec(kafka)?.[1];
    expect(properties()['kafka.sasl.jaas.config']).toBe(
      `org.apache.kafka.common.security.scram.ScramLoginModule required username="kafka-connect" password="${connectPassword}";`,
    );
    expect(statSync(join(secrets, 'kafka.env')).mode & 0o777).toBe(0o600);
  });

  it('generates the password of a new context’s role once, and keeps every password already generated', () => {
    const before = readFileSync(join(secrets, 'postgres.env'), 'utf8');
    const kafkaBefore = readFileSync(join(secrets, 'kafka.env'), 'utf8');
    expect(ensure({ BASCULE_CONTEXTS_ROOT: manifests })).toBe(
      `secrets: generated SPECIMEN_DB_PASSWORD in ${join(secrets, 'postgres.env')}\n` +
        `secrets: generated SPECIMEN_KAFKA_PASSWORD in ${join(secrets, 'kafka.env')}\n`,
    );
    const kafkaAfter = readFileSync(join(secrets, 'kafka.env'), 'utf8');
    expect(kafkaAfter.startsWith(kafkaBefore)).toBe(true);
    expect(kafkaAfter.slice(kafkaBefore.length)).toMatch(/^SPECIMEN_KAFKA_PASSWORD=[0-9a-f]{64}\n$/);
    const after = readFileSync(join(secrets, 'postgres.env'), 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toMatch(/^SPECIMEN_DB_PASSWORD=[0-9a-f]{64}\n$/);
    expect(ensure({ BASCULE_CONTEXTS_ROOT: manifests })).toBe('');
    expect(readFileSync(join(secrets, 'postgres.env'), 'utf8')).toBe(after);
  });

  it('generates the personal-data master key once and never again (ADR 0033)', () => {
    const file = join(secrets, 'personal-data.env');
    const key = readFileSync(file, 'utf8');
    expect(key).toMatch(/^PERSONAL_DATA_MASTER_KEY_ID=k1\nPERSONAL_DATA_MASTER_KEY=[0-9a-f]{64}\n$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    ensure();
    expect(readFileSync(file, 'utf8')).toBe(key);
  });

  it('hands each process of npm start a file of its own password only, rewritten from postgres.env, mode 600 in 700 folders', () => {
    ensure({ BASCULE_CONTEXTS_ROOT: manifests });
    const passwords = readFileSync(join(secrets, 'postgres.env'), 'utf8');
    const password = (prefix: string) => new RegExp(`^${prefix}_DB_PASSWORD=(.*)$`, 'm').exec(passwords)?.[1];
    const kafkaPasswords = readFileSync(join(secrets, 'kafka.env'), 'utf8');
    const kafkaPassword = (prefix: string) =>
      new RegExp(`^${prefix}_KAFKA_PASSWORD=(.*)$`, 'm').exec(kafkaPasswords)?.[1];
    const processes = join(secrets, 'processes');
    expect(readdirSync(processes).sort()).toEqual([
      'client-service.env',
      'legacy-monolith.env',
      'specimen-service.env',
    ]);
    expect(readFileSync(join(processes, 'specimen-service.env'), 'utf8')).toBe(
      `SPECIMEN_DB_PASSWORD=${password('SPECIMEN')}\n` +
        `KAFKA_SASL_USERNAME=specimen-service\nKAFKA_SASL_PASSWORD=${kafkaPassword('SPECIMEN')}\n` +
        readFileSync(join(secrets, 'personal-data.env'), 'utf8'),
    );
    expect(readFileSync(join(processes, 'legacy-monolith.env'), 'utf8')).toBe(
      `LEGACY_DB_PASSWORD=${password('LEGACY')}\n`,
    );
    for (const file of readdirSync(processes)) expect(statSync(join(processes, file)).mode & 0o777).toBe(0o600);
    for (const dir of [secrets, processes, join(secrets, 'connect')]) expect(statSync(dir).mode & 0o777).toBe(0o700);
    // A process no manifest names any more loses its file (manifests of their own: the repository may hold more).
    ensure({ BASCULE_CONTEXTS_ROOT: manifestRepository([legacy(), context('client', 3001)]) });
    expect(readdirSync(processes).sort()).toEqual(['client-service.env', 'legacy-monolith.env']);
  });

  it('rotates the master key into personal-data.env and every context’s file, once, and retires the old one (ADR 0033)', () => {
    const run = (functions: string) =>
      execFileSync(
        'bash',
        [
          '-c',
          `set -euo pipefail; source ${resolve(__dirname, 'secrets.sh')}; ensure_secrets >/dev/null; ${functions}`,
        ],
        {
          env: {
            ...process.env,
            BASCULE_HOME: home,
            BASCULE_SECRETS: secrets,
            CONNECT_SECRETS_FILE: '',
            BASCULE_CONTEXTS_ROOT: today,
          },
          encoding: 'utf8',
        },
      );
    const file = join(secrets, 'personal-data.env');
    const own = () => readFileSync(join(secrets, 'processes', 'client-service.env'), 'utf8');
    const old = /^PERSONAL_DATA_MASTER_KEY=(.*)$/m.exec(readFileSync(file, 'utf8'))?.[1];
    expect(run('rotate_master_key')).toBe('k2\n');
    const rotated = readFileSync(file, 'utf8');
    expect(rotated).toMatch(
      new RegExp(
        `^PERSONAL_DATA_MASTER_KEY_ID=k2\nPERSONAL_DATA_MASTER_KEY=[0-9a-f]{64}\nPERSONAL_DATA_PREVIOUS_MASTER_KEYS=k1:${old}\n$`,
      ),
    );
    expect(own()).toContain(rotated);
    expect(readFileSync(join(secrets, 'processes', 'legacy-monolith.env'), 'utf8')).not.toContain('PERSONAL_DATA');
    // Again while it is under way (a resumed run): the same keys, no third one.
    expect(run('rotate_master_key')).toBe('k2\n');
    expect(readFileSync(file, 'utf8')).toBe(rotated);
    run('retire_master_keys');
    const retired = readFileSync(file, 'utf8');
    expect(retired).toBe(rotated.replace(/^PERSONAL_DATA_PREVIOUS_MASTER_KEYS=.*\n/m, ''));
    expect(own()).toContain(retired);
    expect(own()).not.toContain(old);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // The next rotation makes k3.
    expect(run('rotate_master_key')).toBe('k3\n');
  });

  it('moves an older folder’s connect.properties into connect/, keeping its salt, once; a link stays at the old path', () => {
    const older = mkdtempSync(join(tmpdir(), 'bascule-secrets-older-'));
    try {
      const folder = join(older, 'secrets');
      mkdirSync(folder, { mode: 0o700 });
      const salt = 'ab'.repeat(32);
      writeFileSync(join(folder, 'connect.properties'), `legacy.hash.salt=${salt}\n`, { mode: 0o600 });
      const run = () =>
        execFileSync('bash', ['-c', `set -euo pipefail; source ${resolve(__dirname, 'secrets.sh')}; ensure_secrets`], {
          env: { ...process.env, BASCULE_HOME: older, BASCULE_SECRETS: folder, CONNECT_SECRETS_FILE: '' },
          encoding: 'utf8',
        });
      expect(run()).toContain(`secrets: moved connect.properties to ${join(folder, 'connect', 'connect.properties')}`);
      const moved = readFileSync(join(folder, 'connect', 'connect.properties'), 'utf8');
      expect(moved).toContain(`legacy.hash.salt=${salt}\n`);
      expect(moved).toMatch(/^legacy\.db\.password=[0-9a-f]{64}$/m);
      expect(lstatSync(join(folder, 'connect.properties')).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(folder, 'connect.properties'))).toBe(join(folder, 'connect', 'connect.properties'));
      expect(run()).toBe('');
      expect(readFileSync(join(folder, 'connect', 'connect.properties'), 'utf8')).toBe(moved);
    } finally {
      rmSync(older, { recursive: true, force: true });
    }
  });
});

/** tools/infra/local-secrets.js, preloaded into a process the way npm start runs each one. */
describe('local-secrets.js: a process of npm start is told of its own secrets only', () => {
  const home = mkdtempSync(join(tmpdir(), 'bascule-local-secrets-'));
  const secrets = join(home, 'secrets');
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  beforeAll(() => {
    mkdirSync(join(secrets, 'processes'), { recursive: true, mode: 0o700 });
    writeFileSync(join(secrets, 'postgres.env'), 'SPECIMEN_DB_PASSWORD=s\nQUARRY_DB_PASSWORD=q\nADMIN_DB_PASSWORD=a\n');
    writeFileSync(join(secrets, 'keycloak.env'), 'KEYCLOAK_ADMIN_PASSWORD=k\n');
    writeFileSync(join(secrets, 'processes', 'specimen-service.env'), 'SPECIMEN_DB_PASSWORD=s\n');
  });
  const secretsSeen = (env: NodeJS.ProcessEnv) => {
    const run = spawnSync(
      process.execPath,
      [
        '-r',
        resolve(__dirname, 'local-secrets.js'),
        '-e',
        'console.log(Object.keys(process.env).filter((k) => k.endsWith("PASSWORD")).sort().join(" "))',
      ],
      { env: { PATH: process.env.PATH, NODE_ENV: 'development', BASCULE_SECRETS: secrets, ...env }, encoding: 'utf8' },
    );
    return run.status === 0 ? run.stdout.trim() : `exit ${run.status}: ${/Error: (.*)/.exec(run.stderr)?.[1]}`;
  };

  it('loads processes/<service>.env alone for BASCULE_PROCESS=<service>', () => {
    expect(secretsSeen({ BASCULE_PROCESS: 'specimen-service' })).toBe('SPECIMEN_DB_PASSWORD');
  });

  it('stops a process whose file is missing, naming it; acts for every process when no process is named', () => {
    expect(secretsSeen({ BASCULE_PROCESS: 'quarry-service' })).toBe(
      `exit 1: quarry-service: no secrets file ${join(secrets, 'processes', 'quarry-service.env')} (npm run setup writes one per process of npm start)`,
    );
    expect(secretsSeen({ BASCULE_PROCESS: '../postgres' })).toBe(
      'exit 1: BASCULE_PROCESS=../postgres is not a service name',
    );
    expect(secretsSeen({})).toBe('ADMIN_DB_PASSWORD KEYCLOAK_ADMIN_PASSWORD QUARRY_DB_PASSWORD SPECIMEN_DB_PASSWORD');
    expect(existsSync(join(secrets, 'processes', 'quarry-service.env'))).toBe(false);
  });
});

/**
 * npm start's programs (secrets.sh supervised_programs) under its supervisor, in a repository of fictional manifests
 * whose processes write down the environment they were given; the supervisor's own environment is this test's, which
 * holds every password of the installation (Jest loads them): none of those reaches a process.
 */
describe('npm start: each process is told of its own secrets file only, and gets its own list of clients', () => {
  const tree = manifestRepository([legacy(), context('specimen', 3002), context('quarry', 3003)]);
  const home = mkdtempSync(join(tmpdir(), 'bascule-start-'));
  const secrets = join(home, 'secrets');
  const dumps = join(home, 'dumps');
  let supervisor: ChildProcess | undefined;
  afterAll(async () => {
    if (supervisor?.exitCode === null) {
      supervisor.kill('SIGTERM');
      await waitForExit(supervisor);
    }
    [tree, home].forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  it('runs each as its own role with its own password, and a context with its AUTH_AUTHORIZED_PARTIES', async () => {
    mkdirSync(dumps);
    for (const service of ['legacy-monolith', 'specimen-service', 'quarry-service'])
      writeFileSync(
        join(tree, 'apps', service, 'src', 'main.ts'),
        `require('fs').writeFileSync(${JSON.stringify(dumps)} + '/' + process.env.BASCULE_PROCESS, JSON.stringify(process.env));
        setInterval(() => undefined, 1000);`,
      );
    const env = {
      ...process.env,
      NODE_ENV: 'development',
      BASCULE_HOME: home,
      BASCULE_SECRETS: secrets,
      BASCULE_CONTEXTS_ROOT: tree,
      CONNECT_SECRETS_FILE: '',
      PGPASSWORD: 'the-administrator-s',
      SPECIMEN_AUTHORIZED_PARTIES: 'quarry-service,bascule-cockpit',
    };
    expect(process.env.ADMIN_DB_PASSWORD).toEqual(expect.any(String)); // what the supervisor must not hand on
    const script = [
      'set -euo pipefail',
      `source ${resolve(__dirname, 'secrets.sh')}`,
      'ensure_secrets >/dev/null',
      'login_roles',
      `while IFS='=' read -r name value; do export "$name=\${!name:-$value}"; done <<< "$(node ${resolve(__dirname, 'contexts/contexts.js')} env)"`,
      `mapfile -t programs < <(supervised_programs "${process.execPath} -r ${resolve(__dirname, 'local-secrets.js')}")`,
      `cd ${tree}`,
      `exec ${process.execPath} ${resolve(__dirname, 'supervise.js')} "\${programs[@]}"`,
    ].join('\n');
    supervisor = spawn('bash', ['-c', script], { env, stdio: 'ignore' });
    await eventually(async () => readdirSync(dumps).length === 3, 60_000, 200);

    const passwords = readFileSync(join(secrets, 'postgres.env'), 'utf8');
    const password = (prefix: string) => new RegExp(`^${prefix}_DB_PASSWORD=(.*)$`, 'm').exec(passwords)?.[1];
    const kafkaPasswords = readFileSync(join(secrets, 'kafka.env'), 'utf8');
    const generated = (service: string, key: string, value: string) =>
      key === 'KAFKA_SASL_PASSWORD'
        ? value ===
          new RegExp(`^${service.replace(/-service$/, '').toUpperCase()}_KAFKA_PASSWORD=(.*)$`, 'm').exec(
            kafkaPasswords,
          )?.[1]
        : value === password(key.replace(/_DB_PASSWORD$/, ''));
    const given = (service: string) => {
      const seen = JSON.parse(readFileSync(join(dumps, service), 'utf8')) as Record<string, string>;
      // Names only, and whether its own is the generated one: a failure must not print a password.
      const names = Object.keys(seen).filter((key) => /PASSWORD$/.test(key));
      return {
        passwords: names.map((key) => `${key}${generated(service, key, seen[key]) ? '' : ' (not the generated one)'}`),
        PGUSER: seen.PGUSER,
        AUTH_AUTHORIZED_PARTIES: seen.AUTH_AUTHORIZED_PARTIES,
      };
    };
    expect(given('specimen-service')).toEqual({
      passwords: ['SPECIMEN_DB_PASSWORD', 'KAFKA_SASL_PASSWORD'],
      PGUSER: 'bascule_specimen_service',
      AUTH_AUTHORIZED_PARTIES: 'quarry-service,bascule-cockpit',
    });
    expect(given('quarry-service')).toEqual({
      passwords: ['QUARRY_DB_PASSWORD', 'KAFKA_SASL_PASSWORD'],
      PGUSER: 'bascule_quarry_service',
      AUTH_AUTHORIZED_PARTIES: undefined,
    });
    expect(given('legacy-monolith')).toEqual({
      passwords: ['LEGACY_DB_PASSWORD'],
      PGUSER: 'bascule_legacy_monolith',
      AUTH_AUTHORIZED_PARTIES: undefined,
    });
  }, 120_000);
});
