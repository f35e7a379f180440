import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { waitForExit } from './child-process';
import { secretsDir } from './connect-secrets';
import { eventually } from './test-kafka';
import { freePort } from './test-service';

const workspaceRoot = resolve(__dirname, '../../../..');

export interface OwnConnectWorker {
  /** Its REST API (`CONNECT_URL` for the services and helpers that ask Connect). */
  url: string;
  /** Everything the worker and its connectors logged so far. */
  log(): string;
  stop(): Promise<void>;
}

/** A setting of tools/infra/env.sh (the installation's Kafka and Debezium folders), as the shell resolves it. */
const envSetting = (name: string) =>
  execFileSync('bash', ['-c', `source tools/infra/env.sh >/dev/null && printf %s "$${name}"`], {
    cwd: workspaceRoot,
    encoding: 'utf8',
  });

/**
 * A Kafka Connect worker of a suite's own, in standalone mode (offsets in a file, no internal topics), on the
 * installation's Kafka and Debezium jars and this checkout's converters (tools/infra/connect/salted-hash, built
 * into a plugin folder of its own). The shared worker loads its plugins when it starts, so a converter it predates
 * is proven here without restarting it. It logs in to Kafka as the admin (tests' connectors write topics under
 * prefixes of their own) by reference to connect/admin-login.properties; its file config provider resolves the
 * `${file:...}` secrets of the legacy connector's config as the shared worker does.
 */
export async function startOwnConnectWorker(): Promise<OwnConnectWorker> {
  const home = mkdtempSync(join(tmpdir(), 'bascule-connect-'));
  const plugin = join(home, 'plugins', 'debezium-connector-postgres');
  mkdirSync(plugin, { recursive: true });
  const shared = join(envSetting('DEBEZIUM_PLUGINS'), 'debezium-connector-postgres');
  for (const jar of readdirSync(shared).filter((f) => f.endsWith('.jar') && f !== 'bascule-salted-hash.jar'))
    symlinkSync(join(shared, jar), join(plugin, jar));
  execFileSync('bash', ['tools/infra/connect/salted-hash/build.sh', plugin], { cwd: workspaceRoot, stdio: 'ignore' });
  const port = await freePort();
  const jaas = `\${file:${join(secretsDir(), 'admin-login.properties')}:kafka.sasl.jaas.config}`;
  const login = ['', 'producer.', 'admin.', 'consumer.'].flatMap((prefix) => [
    `${prefix}security.protocol=SASL_PLAINTEXT`,
    `${prefix}sasl.mechanism=SCRAM-SHA-512`,
    `${prefix}sasl.jaas.config=${jaas}`,
  ]);
  const properties = join(home, 'worker.properties');
  writeFileSync(
    properties,
    [
      `bootstrap.servers=${process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'}`,
      `listeners=http://127.0.0.1:${port}`,
      'key.converter=org.apache.kafka.connect.json.JsonConverter',
      'value.converter=org.apache.kafka.connect.json.JsonConverter',
      'key.converter.schemas.enable=false',
      'value.converter.schemas.enable=false',
      `offset.storage.file.filename=${join(home, 'offsets')}`,
      'offset.flush.interval.ms=1000',
      `plugin.path=${join(home, 'plugins')}`,
      'topic.creation.enable=true',
      'connector.client.config.override.policy=All',
      'config.providers=file',
      'config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider',
      ...(process.env.KAFKA_ADMIN_PASSWORD ? login : []),
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const logs = join(home, 'logs');
  mkdirSync(logs);
  const worker: ChildProcess = spawn(
    'java',
    [
      '-Xms128m',
      '-Xmx512m',
      `-Dlog4j2.configurationFile=${join(workspaceRoot, 'tools/infra/kafka/log4j2.properties')}`,
      `-Dkafka.logs.dir=${logs}`,
      '-Dbascule.log.name=connect',
      '-cp',
      `${envSetting('KAFKA_LIBS')}/*`,
      'org.apache.kafka.connect.cli.ConnectStandalone',
      properties,
    ],
    {
      stdio: ['ignore', 'ignore', 'ignore'],
      env: { ...process.env, BASCULE_HOME: process.env.BASCULE_HOME ?? join(homedir(), '.bascule') },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const log = () =>
    readdirSync(logs)
      .map((file) => readFileSync(join(logs, file), 'utf8'))
      .join('\n');
  const stop = async () => {
    if (worker.exitCode === null && worker.signalCode === null) {
      worker.kill('SIGTERM');
      const exited = waitForExit(worker);
      const timeout = setTimeout(() => worker.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timeout);
    }
    rmSync(home, { recursive: true, force: true });
  };
  try {
    await eventually(
      async () => {
        if (worker.exitCode !== null)
          throw new Error(`own Connect worker exited (${worker.exitCode}): ${log().slice(-4000)}`);
        return (await fetch(`${url}/connector-plugins`).catch(() => undefined))?.ok ?? false;
      },
      180_000,
      500,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, log, stop };
}
