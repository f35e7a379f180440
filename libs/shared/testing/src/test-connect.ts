import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Kafka } from 'kafkajs';
import { secretsDir } from './connect-secrets';
import { eventually } from './test-kafka';

export const connectUrl = process.env.CONNECT_URL ?? 'http://127.0.0.1:8083';

/**
 * The pid of the Kafka Connect worker serving the REST API, for kill tests: the process listening on its
 * port (on a shared machine the pid file may name a worker restarted since), else `connect.sh`'s pid file.
 */
export function connectWorkerPid(): number {
  const port = new URL(connectUrl).port || '8083';
  const listening = /pid=(\d+)/.exec(execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' }))?.[1];
  return Number(
    listening ?? readFileSync(join(process.env.BASCULE_HOME ?? join(homedir(), '.bascule'), 'connect.pid'), 'utf8'),
  );
}

/** A worker property as `tools/infra/connect/worker.properties` sets it. */
export function workerProperty(file: string, name: string): string | undefined {
  return readFileSync(file, 'utf8')
    .split('\n')
    .find((line) => line.startsWith(`${name}=`))
    ?.slice(name.length + 1)
    .trim();
}

/** Waits until the connector and all its tasks report RUNNING on the Connect REST API (the shared worker's unless said). */
export async function connectorRunning(connector: string, timeoutMs = 120_000, url = connectUrl): Promise<void> {
  await eventually(
    async () => {
      const answer = await fetch(`${url}/connectors/${connector}/status`, {
        signal: AbortSignal.timeout(2_000),
      }).catch(() => undefined);
      if (!answer?.ok) return false;
      const status = (await answer.json()) as { connector: { state: string }; tasks: { state: string }[] };
      return (
        status.connector.state === 'RUNNING' &&
        status.tasks.length > 0 &&
        status.tasks.every((t) => t.state === 'RUNNING')
      );
    },
    timeoutMs,
    500,
  );
}

export interface OffsetCommit {
  at: number;
  offset: Record<string, unknown>;
}

/**
 * Watches the worker's offsets topic for the commits of one connector, from now on: each entry is one
 * offset flush (`offset.flush.interval.ms`). Changes streamed after the last one are replayed by a worker
 * that dies before the next.
 */
export async function watchOffsetCommits(
  kafka: Kafka,
  connector: string,
  offsetsTopic = `${process.env.CONNECT_GROUP ?? 'bascule-connect'}-offsets`,
): Promise<{ commits: OffsetCommit[]; stop(): Promise<void> }> {
  const commits: OffsetCommit[] = [];
  const consumer = kafka.consumer({
    groupId: `offsets-watch-${randomBytes(6).toString('hex')}`,
    allowAutoTopicCreation: false,
  });
  await consumer.connect();
  await consumer.subscribe({ topic: offsetsTopic, fromBeginning: false });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
  await consumer.run({
    eachMessage: async ({ message }) => {
      const key = message.key?.toString() ?? '';
      if (key.includes(`"${connector}"`) && message.value)
        commits.push({ at: Date.now(), offset: JSON.parse(message.value.toString()) });
    },
  });
  await eventually(async () => joined, 30_000, 100);
  return { commits, stop: () => consumer.disconnect() };
}

/**
 * Registers a Debezium PostgreSQL connector of a test's own on `db` (its slot and publication named after `id`,
 * its topics under `prefix`, one partition each unless `config` says otherwise), and answers Connect's response.
 */
export async function registerTestConnector(
  name: string,
  db: { name: string; settings: { host: string; port: number; user: string; password: string } },
  {
    id,
    prefix,
    tables,
    config = {},
  }: { id: string; prefix: string; tables: string[]; config?: Readonly<Record<string, string | undefined>> },
): Promise<Response> {
  return fetch(`${connectUrl}/connectors`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name,
      config: {
        'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
        'database.hostname': db.settings.host,
        'database.port': String(db.settings.port),
        'database.user': db.settings.user,
        'database.password': db.settings.password,
        'database.dbname': db.name,
        'topic.prefix': prefix,
        'plugin.name': 'pgoutput',
        'slot.name': `slot_${id}`,
        'publication.name': `pub_${id}`,
        'publication.autocreate.mode': 'filtered',
        'table.include.list': tables.map((table) => `public.${table}`).join(','),
        'snapshot.mode': 'initial',
        'topic.creation.default.replication.factor': '1',
        'topic.creation.default.partitions': '1',
        ...testConnectorLogin(),
        ...config,
      },
    }),
  });
}

/**
 * A test's connector writes topics under its own prefix, which no ACL gives Connect's principal (ADR 0032): its
 * producer and admin client log in as the admin instead (the worker allows principal overrides), by a reference to
 * the admin login setup writes in the folder the worker may read (connect/admin-login.properties, local
 * installations only; ADR 0036), never written in the connector's config. Nothing on a broker without SASL.
 */
export function testConnectorLogin(): Record<string, string> {
  if (!process.env.KAFKA_ADMIN_PASSWORD) return {};
  const jaas = `\${file:${join(secretsDir(), 'admin-login.properties')}:kafka.sasl.jaas.config}`;
  return { 'producer.override.sasl.jaas.config': jaas, 'admin.override.sasl.jaas.config': jaas };
}
