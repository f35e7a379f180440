/**
 * @parallel-safe the connect.sh it names is its own probe under connect.sh's confinement, never the shared worker.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventually, waitForExit } from '@bascule/shared/testing';

/** What a program could read of the secrets folder, as it reports it: each file's content or its error code. */
type Seen = Record<string, string>;

const FILES = [
  'processes/alpha.env',
  'processes/beta.env',
  'kafka.env',
  'postgres.env',
  'personal-data.env',
  'connect/connect.properties',
];

/**
 * Each process of `npm start` and the Kafka Connect worker see only their own part of the secrets folder (ADR 0036),
 * enforced by a mount namespace (tools/infra/confine-secrets.sh): on this machine, as in CI, where the supervisor can
 * confine. A folder of this test's own stands in for ~/.bascule/secrets.
 */
describe('each process reads only its own secrets', () => {
  const secrets = mkdtempSync(join(tmpdir(), 'confine-secrets-'));
  const results = mkdtempSync(join(tmpdir(), 'confine-results-'));
  const probe = join(results, 'probe.js');
  const peek = join(results, 'peek.js');
  let supervisor: ChildProcess;
  let output = '';
  const seen = (name: string): Seen => JSON.parse(readFileSync(join(results, `${name}.json`), 'utf8')) as Seen;

  beforeAll(() => {
    mkdirSync(join(secrets, 'processes'), { mode: 0o700 });
    mkdirSync(join(secrets, 'connect'), { mode: 0o700 });
    for (const file of FILES) writeFileSync(join(secrets, file), `SECRET_OF_${file.replace(/\W/g, '_')}=x\n`);
    writeFileSync(join(secrets, 'processes/alpha.env'), 'ALPHA_DB_PASSWORD=alpha-only\n', { mode: 0o600 });
    // Reports what it can read, and what local-secrets.js loaded into its environment, then stays up.
    writeFileSync(
      probe,
      `const fs = require('fs');
      const seen = {};
      for (const file of ${JSON.stringify(FILES)}) {
        try { seen[file] = fs.readFileSync(${JSON.stringify(secrets)} + '/' + file, 'utf8'); } catch (e) { seen[file] = e.code; }
      }
      seen.listing = (() => { try { return fs.readdirSync(${JSON.stringify(secrets)}).join(','); } catch (e) { return e.code; } })();
      seen.env = String(process.env.ALPHA_DB_PASSWORD);
      seen.pid = String(process.pid);
      fs.writeFileSync(${JSON.stringify(results)} + '/' + process.argv[2] + '.json', JSON.stringify(seen));
      setInterval(() => undefined, 1000);`,
    );
    // Another confined service reaching into alpha's view the way the kernel offers: /proc/<pid>/root and /environ.
    writeFileSync(
      peek,
      `const fs = require('fs');
      const alpha = ${JSON.stringify(results)} + '/alpha.json';
      const look = () => {
        if (!fs.existsSync(alpha)) return setTimeout(look, 100);
        const pid = JSON.parse(fs.readFileSync(alpha, 'utf8')).pid;
        const seen = {};
        for (const path of ['root' + ${JSON.stringify(secrets)} + '/processes/alpha.env', 'environ']) {
          try { seen[path] = fs.readFileSync('/proc/' + pid + '/' + path, 'utf8'); } catch (e) { seen[path] = e.code; }
        }
        try { process.kill(Number(pid), 0); seen.signal = 'sent'; } catch (e) { seen.signal = e.code; }
        fs.writeFileSync(${JSON.stringify(results)} + '/beta.json', JSON.stringify(seen));
      };
      look();
      setInterval(() => undefined, 1000);`,
    );
    const node = `${process.execPath} -r ${resolve(__dirname, 'local-secrets.js')} ${probe}`;
    supervisor = spawn(
      process.execPath,
      [
        resolve(__dirname, 'supervise.js'),
        `alpha=BASCULE_PROCESS=alpha ${node} alpha`,
        `nameless=${process.execPath} ${probe} nameless`,
        `beta=BASCULE_PROCESS=beta ${process.execPath} ${peek}`,
      ],
      {
        env: { ...process.env, NODE_ENV: 'development', BASCULE_SECRETS: secrets, ALPHA_DB_PASSWORD: undefined },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    supervisor.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    supervisor.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });
  afterAll(async () => {
    supervisor.kill('SIGTERM');
    await waitForExit(supervisor);
    for (const dir of [secrets, results]) rmSync(dir, { recursive: true, force: true });
  });

  it('a supervised service reads its own file and loads it, but not another service’s, Kafka’s or PostgreSQL’s', async () => {
    await eventually(async () => existsSync(join(results, 'alpha.json')), 15_000);
    const alpha = seen('alpha');
    expect(alpha['processes/alpha.env']).toBe('ALPHA_DB_PASSWORD=alpha-only\n');
    expect(alpha.env).toBe('alpha-only');
    for (const other of FILES.filter((file) => file !== 'processes/alpha.env'))
      expect([other, alpha[other]]).toEqual([other, expect.stringMatching(/^(ENOENT|EACCES)$/)]);
    expect(alpha.listing).toBe('processes');
    expect(output).not.toContain('WARNING');
    // The folder itself is untouched outside the service's namespace.
    expect(readFileSync(join(secrets, 'kafka.env'), 'utf8')).toContain('SECRET_OF_kafka_env');
  });

  it('another supervised service cannot reach into its view: not through /proc/<pid>/root, its environment or a signal', async () => {
    await eventually(async () => existsSync(join(results, 'beta.json')), 15_000);
    const beta = seen('beta');
    expect(beta).toEqual({
      [`root${secrets}/processes/alpha.env`]: 'EACCES',
      environ: 'EACCES',
      signal: 'EPERM',
    });
  });

  it('every service of the manifests, Connect and the programs that keep nothing run as users of their own', () => {
    const uidOf = (...keep: string[]) =>
      execFileSync(resolve(__dirname, 'confine-secrets.sh'), ['--uid', ...keep], { encoding: 'utf8' }).trim();
    const services = execFileSync(process.execPath, [resolve(__dirname, 'contexts/contexts.js'), 'services'], {
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .map((line) => line.split(' ')[0]);
    const uids = [...services.map((service) => uidOf(`processes/${service}.env`)), uidOf('connect'), uidOf()];
    expect(services.length).toBeGreaterThanOrEqual(6);
    expect(new Set(uids).size).toBe(uids.length);
    for (const uid of uids) expect(Number(uid)).toBeGreaterThanOrEqual(61_000);
  });

  it('a supervised program that names no process sees an empty folder', async () => {
    await eventually(async () => existsSync(join(results, 'nameless.json')), 15_000);
    const nameless = seen('nameless');
    for (const file of FILES) expect([file, nameless[file]]).toEqual([file, 'ENOENT']);
    expect(nameless.listing).toBe('');
  });

  it('the Kafka Connect worker’s wrapper (connect.sh) leaves it connect/ only, and it cannot unmount its view', async () => {
    const connect = spawn(
      'bash',
      [
        '-c',
        `source ${resolve(__dirname, 'env.sh')} && source ${resolve(__dirname, 'secrets.sh')} &&
        confinement $(connect_kept_paths) && exec "\${CONFINEMENT[@]}" sh -c 'umount "$BASCULE_SECRETS" 2>/dev/null; exec "$@"' - ${process.execPath} ${probe} connect`,
      ],
      {
        env: { ...process.env, BASCULE_SECRETS: secrets, CONNECT_SECRETS_FILE: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let said = '';
    connect.stderr?.on('data', (chunk: Buffer) => (said += chunk.toString()));
    try {
      await eventually(async () => existsSync(join(results, 'connect.json')), 15_000);
    } finally {
      connect.kill('SIGKILL');
      await waitForExit(connect);
    }
    const worker = seen('connect');
    expect(worker['connect/connect.properties']).toContain('SECRET_OF_connect_connect_properties');
    for (const file of FILES.filter((f) => !f.startsWith('connect/')))
      expect([file, worker[file]]).toEqual([file, expect.stringMatching(/^(ENOENT|EACCES)$/)]);
    expect(said).not.toContain('WARNING');
  });

  it('where the machine refuses namespaces (here: the supervisor as an unprivileged user), says so in one line and runs the program', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'confine-refused-'));
    chmodSync(shared, 0o777);
    mkdirSync(join(shared, 'secrets'), { mode: 0o700 });
    const refused = spawn(
      'setpriv',
      [
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
        process.execPath,
        resolve(__dirname, 'supervise.js'),
        `x=${process.execPath} -e require('fs').writeFileSync('${shared}/ran','yes');setInterval(()=>0,1000)`,
      ],
      { env: { ...process.env, BASCULE_SECRETS: join(shared, 'secrets') }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let said = '';
    refused.stdout?.on('data', (chunk: Buffer) => (said += chunk.toString()));
    try {
      await eventually(async () => existsSync(join(shared, 'ran')), 15_000);
    } finally {
      refused.kill('SIGTERM');
      await waitForExit(refused);
    }
    rmSync(shared, { recursive: true, force: true });
    const warnings = said.split('\n').filter((line) => line.includes('WARNING'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/WARNING: secrets not confined \(.*Operation not permitted\)/);
  });
});
