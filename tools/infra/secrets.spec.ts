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
});
