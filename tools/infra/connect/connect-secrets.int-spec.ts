import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const infra = resolve(__dirname, '..');

/**
 * Kafka's own FileConfigProvider (the jars setup fetched), configured as connect.sh configures the worker, over a
 * secrets folder of an older layout that ensure_secrets has moved: a connector resolves connect.properties, by its
 * new path or the link left at the old one, and nothing else of the folder.
 */
describe('the Connect worker may read connect.properties only (ADR 0036)', () => {
  const home = mkdtempSync(join(tmpdir(), 'bascule-connect-secrets-'));
  const secrets = join(home, 'secrets');
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('resolves the connector’s secrets, and refuses postgres.env, keycloak.env and kafka.env', () => {
    mkdirSync(secrets, { mode: 0o700 });
    writeFileSync(join(secrets, 'connect.properties'), `legacy.hash.salt=${'cd'.repeat(32)}\n`, { mode: 0o600 });
    const env = { ...process.env, BASCULE_HOME: home, BASCULE_SECRETS: secrets, CONNECT_SECRETS_FILE: '' };
    const allowed = execFileSync(
      'bash',
      ['-c', `set -euo pipefail; source ${infra}/secrets.sh; ensure_secrets >/dev/null; connect_allowed_paths`],
      { env, encoding: 'utf8' },
    ).trim();
    expect(allowed).toBe(`${join(secrets, 'connect')},${join(secrets, 'connect.properties')}`);

    // The installation's Kafka jars (setup step 4), found as connect.sh finds them.
    const libs = execFileSync('bash', ['-c', `source ${infra}/env.sh; echo "$KAFKA_LIBS"`], {
      encoding: 'utf8',
    }).trim();
    writeFileSync(
      join(home, 'Resolve.java'),
      [
        'import org.apache.kafka.common.config.provider.FileConfigProvider;',
        'import java.util.Map;',
        'public class Resolve { public static void main(String[] args) throws Exception {',
        '  try (FileConfigProvider provider = new FileConfigProvider()) {',
        '    provider.configure(Map.of("allowed.paths", args[0]));',
        '    for (int i = 1; i < args.length; i++) System.out.println(provider.get(args[i]).data().keySet());',
        '  }',
        '}}',
      ].join('\n'),
    );
    const keys = execFileSync(
      'java',
      [
        '-cp',
        `${libs}/*`,
        join(home, 'Resolve.java'),
        allowed,
        join(secrets, 'connect', 'connect.properties'),
        join(secrets, 'connect.properties'),
        join(secrets, 'postgres.env'),
        join(secrets, 'keycloak.env'),
        join(secrets, 'kafka.env'),
        join(secrets, 'connect', '..', 'postgres.env'),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    )
      .trim()
      .split('\n')
      .map((line) => line.slice(1, -1).split(', ').filter(Boolean).sort());
    // Its own Kafka login too (ADR 0032); never another principal's password (kafka.env).
    const connectKeys = ['kafka.sasl.jaas.config', 'legacy.db.password', 'legacy.db.user', 'legacy.hash.salt'];
    expect(keys).toEqual([connectKeys, connectKeys, [], [], [], []]);
  });
});
