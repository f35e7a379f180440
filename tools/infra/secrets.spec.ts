import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { context, legacy, manifestRepository } from './contexts/manifest-fixtures';

/** secrets.sh in a temporary folder (never the installation's own secrets). */
describe('secrets.sh: a password per login role of the manifests, connect.properties in step with postgres.env', () => {
  const home = mkdtempSync(join(tmpdir(), 'bascule-secrets-'));
  const secrets = join(home, 'secrets');
  const ensure = (env: NodeJS.ProcessEnv = {}) =>
    execFileSync('bash', ['-c', `set -euo pipefail; source ${resolve(__dirname, 'secrets.sh')}; ensure_secrets`], {
      env: { ...process.env, BASCULE_HOME: home, BASCULE_SECRETS: secrets, CONNECT_SECRETS_FILE: '', ...env },
      encoding: 'utf8',
    });
  const properties = () =>
    Object.fromEntries(
      readFileSync(join(secrets, 'connect.properties'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split(/=(.*)/s).slice(0, 2)),
    );
  const manifests = manifestRepository([legacy(), context('client', 3001), context('specimen', 3002)]);
  afterAll(() => [home, manifests].forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('rewrites the CDC password from a regenerated postgres.env, and keeps the salt', () => {
    ensure();
    const first = properties();
    expect(first['legacy.hash.salt']).toMatch(/^[0-9a-f]{64}$/);
    const env = readFileSync(join(secrets, 'postgres.env'), 'utf8');
    expect(first['legacy.db.password']).toBe(/^CDC_DB_PASSWORD=(.*)$/m.exec(env)?.[1]);
    writeFileSync(join(secrets, 'postgres.env'), env.replace(/^CDC_DB_PASSWORD=.*$/m, 'CDC_DB_PASSWORD=regenerated'));
    ensure();
    expect(properties()).toEqual({ ...first, 'legacy.db.password': 'regenerated' });
    expect(statSync(join(secrets, 'connect.properties')).mode & 0o777).toBe(0o600);
  });

  it('generates the password of a new context’s role once, and keeps every password already generated', () => {
    const before = readFileSync(join(secrets, 'postgres.env'), 'utf8');
    expect(ensure({ BASCULE_CONTEXTS_ROOT: manifests })).toBe(
      `secrets: generated SPECIMEN_DB_PASSWORD in ${join(secrets, 'postgres.env')}\n`,
    );
    const after = readFileSync(join(secrets, 'postgres.env'), 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toMatch(/^SPECIMEN_DB_PASSWORD=[0-9a-f]{64}\n$/);
    expect(ensure({ BASCULE_CONTEXTS_ROOT: manifests })).toBe('');
    expect(readFileSync(join(secrets, 'postgres.env'), 'utf8')).toBe(after);
  });

  it('generates the personal-data master key once and never again (ADR 0033)', () => {
    const file = join(secrets, 'personal-data.env');
    const key = readFileSync(file, 'utf8');
    expect(key).toMatch(/^PERSONAL_DATA_MASTER_KEY=[0-9a-f]{64}\n$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    ensure();
    expect(readFileSync(file, 'utf8')).toBe(key);
  });
});
