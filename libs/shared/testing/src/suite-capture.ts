import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client, Pool } from 'pg';
import { writeConnectSecrets } from './connect-secrets';
import { connectorRunning, connectUrl, registerTestConnector } from './test-connect';
import { createTestDatabase, postgresSettings, TestDatabase } from './test-database';
import { createTopics, deleteTopics, eventually, testKafka } from './test-kafka';

const workspaceRoot = resolve(__dirname, '../../../..');

/**
 * Registers a suite's own Debezium connector on its own legacy database, as production registers one
 * (`register-connector.js`, `legacy-connector.json`), its login, password and salt through the worker's
 * FileConfigProvider (ADR 0013) in the secrets file `test-<id>`; answers that file's path.
 */
export function registerSuiteConnector(suite: {
  id: string;
  connector: string;
  database: string;
  topicPrefix: string;
  /** Debezium's table.include.list; the manifest's captured tables when absent. */
  tables?: string;
  /** A Connect worker of the suite's own (`startOwnConnectWorker`); the shared one when absent. */
  connectUrl?: string;
}): string {
  const connectSecrets = writeConnectSecrets(`test-${suite.id}`, {
    'legacy.db.user': postgresSettings().user,
    'legacy.db.password': postgresSettings().password,
    'legacy.hash.salt': randomBytes(32).toString('hex'),
  });
  execFileSync(process.execPath, ['tools/infra/connect/register-connector.js'], {
    cwd: workspaceRoot,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      ...(suite.connectUrl ? { CONNECT_URL: suite.connectUrl } : {}),
      LEGACY_CONNECTOR_NAME: suite.connector,
      LEGACY_DATABASE: suite.database,
      LEGACY_TOPIC_PREFIX: suite.topicPrefix,
      LEGACY_SLOT: `slot_${suite.id}`,
      LEGACY_PUBLICATION: `pub_${suite.id}`,
      LEGACY_PUBLICATION_AUTOCREATE: 'filtered',
      ...(suite.tables ? { LEGACY_TABLE_INCLUDE_LIST: suite.tables } : {}),
      CONNECT_SECRETS_FILE: connectSecrets,
    },
  });
  return connectSecrets;
}

export interface SuiteCaptureOptions {
  /** The suite's own suffix: its connector, topic prefix, slot `slot_<id>` and publication `pub_<id>`. */
  id: string;
  /** The suite's short name: connector `bascule-<name>-<id>`, topic prefix `<name><id>`, database `<name>_legacy`. */
  name: string;
  /** The context reading the capture: its dead-letter topic of each table is `<context>.<prefix>.<TABLE>.dlq` (ADR 0044). */
  context: string;
  /** The captured tables (`public.<TABLE>`). */
  tables: string[];
  /** SQL run on the fresh legacy database before the connector is registered (the legacy schema, or part of it). */
  schema: string;
  /** The legacy database's owner (`serviceRole('LEGACY')`); the administrator when absent. */
  owner?: { user: string; password: string };
  /**
   * `production`: the legacy connector's own configuration through `register-connector.js` (its converters, its
   * secrets by reference); `test`, the default: `registerTestConnector` with the capture settings the legacy
   * connector sends (transactions, decimals as text), on the shared worker.
   */
  registration?: 'production' | 'test';
  /** The REST API of a Connect worker of the suite's own (`startOwnConnectWorker`, with `production`); the shared one when absent. */
  connectUrl?: () => string;
  /** Partitions of the topics the suite creates (3 unless said). */
  partitions?: number;
  /** More topics of the suite's to create and delete, by their names under its prefix (`<prefix>.<name>`). */
  moreTopics?: string[];
  /** The pool's size on the legacy database. */
  connections?: number;
}

export interface SuiteCapture {
  /** `bascule-<name>-<id>`. */
  connector: string;
  /** `<name><id>`. */
  prefix: string;
  /** `<prefix>.public.<TABLE>`. */
  topicOf(table: string): string;
  /** The context's dead-letter topic of a table. */
  dlqOf(table: string): string;
  /** What a service reads the capture by: LEGACY_TOPIC_PREFIX, LEGACY_CONNECTOR_NAME (and CONNECT_URL of an own worker). */
  readonly env: Record<string, string>;
  /** Creates the legacy database (the schema run on it) and the suite's topics. */
  start(): Promise<void>;
  /** The suite's legacy database, and a pool on it as its owner (once started). */
  readonly db: TestDatabase;
  readonly legacy: Pool;
  /** Registers the connector and waits until it and its task run (the snapshot then comes on its own). */
  register(): Promise<void>;
  /** A metric of a table (`bascule_acl_quarantined_total` by default) on a service's /metrics; 0 when not counted yet. */
  counted(metricsUrl: string, table: string, metric?: string): Promise<number>;
  /** Removes what the suite made, each step whichever fails: connector, its slot, secrets, topics, groups, database. */
  close(): Promise<void>;
}

/** The capture settings the legacy connector sends (tools/infra/connect/legacy-connector.json), with its transactions. */
const LEGACY_CAPTURE = {
  'provide.transaction.metadata': 'true',
  'decimal.handling.mode': 'string',
  'time.precision.mode': 'connect',
  'poll.interval.ms': '50',
  'topic.creation.default.partitions': '3',
};

/**
 * A legacy database of the suite's own and a Debezium connector of its own on it, under a topic prefix of its own:
 * its names at once, the database and topics made by `start()`, the connector registered by `register()`, and
 * everything removed by `close()`.
 */
export function suiteCapture(options: SuiteCaptureOptions): SuiteCapture {
  const { id, name, context, tables } = options;
  const production = options.registration === 'production';
  const connector = `bascule-${name}-${id}`;
  const prefix = `${name}${id}`;
  const connect = () => options.connectUrl?.() ?? connectUrl;
  const topicOf = (table: string) => `${prefix}.public.${table}`;
  const dlqOf = (table: string) => `${context}.${prefix}.${table}.dlq`;
  const topics = [
    ...tables.flatMap((table) => [topicOf(table), dlqOf(table)]),
    `${prefix}.transaction`,
    ...(options.moreTopics ?? []).map((topic) => `${prefix}.${topic}`),
  ];
  let started: { db: TestDatabase; legacy: Pool } | undefined;
  const ofStarted = () => {
    if (!started) throw new Error(`the capture ${connector} is not started`);
    return started;
  };
  const steps: (() => Promise<unknown>)[] = [];
  return {
    connector,
    prefix,
    topicOf,
    dlqOf,
    get env() {
      return {
        LEGACY_TOPIC_PREFIX: prefix,
        LEGACY_CONNECTOR_NAME: connector,
        ...(options.connectUrl ? { CONNECT_URL: connect() } : {}),
      };
    },
    get db() {
      return ofStarted().db;
    },
    get legacy() {
      return ofStarted().legacy;
    },
    start: async () => {
      const db = await createTestDatabase(`${name}_legacy`, options.owner);
      steps.push(() => db.drop());
      const legacy = new Pool({ ...db.settings, max: options.connections ?? 2 });
      steps.push(() => legacy.end());
      started = { db, legacy };
      await legacy.query(options.schema);
      steps.push(() => deleteConsumerGroups(`.${prefix}-`));
      // The legacy connector's heartbeats go to a topic it makes itself.
      const heartbeats = production ? [`__debezium-heartbeat.${prefix}`] : [];
      steps.push(() => deleteTopics(testKafka(), [...topics, ...heartbeats]));
      await createTopics(testKafka(), topics, options.partitions ?? 3);
    },
    register: async () => {
      const { db } = ofStarted();
      let secrets: string | undefined;
      steps.push(async () => secrets && rmSync(secrets, { force: true }));
      const url = connect();
      steps.push(() => dropConnector(url, connector, db, `slot_${id}`));
      if (production) {
        secrets = registerSuiteConnector({
          id,
          connector,
          database: db.name,
          topicPrefix: prefix,
          tables: tables.map((table) => `public.${table}`).join(','),
          connectUrl: url,
        });
      } else {
        const registered = await registerTestConnector(connector, db, { id, prefix, tables, config: LEGACY_CAPTURE });
        if (registered.status !== 201)
          throw new Error(`Connect answered ${registered.status}: ${await registered.text()}`);
      }
      await connectorRunning(connector, 120_000, url);
    },
    counted: async (metricsUrl, table, metric = 'bascule_acl_quarantined_total') => {
      const text = await (await fetch(`${metricsUrl}/metrics`)).text();
      // Labels in any order (the registry adds the service's).
      const line = new RegExp(`^${metric}\\{(?=[^}]*table="${table}")[^}]*\\} (\\d+)`, 'm');
      return Number(line.exec(text)?.[1] ?? 0);
    },
    close: () => closeEach(...steps.splice(0).reverse()),
  };
}

/** Waits until a service is ready: /health/ready answers 200 once its legacy sync reads the suite's topics. */
export async function serviceReady(service: {
  http(): { get(path: string): PromiseLike<{ status: number }> };
}): Promise<void> {
  await eventually(async () => (await service.http().get('/health/ready')).status === 200, 120_000, 500);
}

/** Runs every clean-up step in turn, whichever fails (what one leaves in the shared infrastructure must not stay), then throws the first failure. */
export async function closeEach(...steps: (() => unknown)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps)
    await Promise.resolve()
      .then(step)
      .catch((error: unknown) => failures.push(error));
  if (failures.length) throw failures[0];
}

/** Deletes the connector, then drops its slot once its task has let it go (as the administrator: the legacy role may not). */
async function dropConnector(url: string, connector: string, db: TestDatabase, slot: string): Promise<void> {
  await fetch(`${url}/connectors/${connector}`, { method: 'DELETE' }).catch(() => undefined);
  const admin = new Client(postgresSettings(db.name));
  await admin.connect();
  try {
    const held = async () => {
      await admin.query(
        `SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active`,
        [slot],
      );
      return (await admin.query(`SELECT 1 FROM pg_replication_slots WHERE slot_name = $1`, [slot])).rowCount ?? 0;
    };
    await eventually(async () => (await held()) === 0, 60_000, 500);
  } finally {
    await admin.end();
  }
}

async function deleteConsumerGroups(containing: string): Promise<void> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    const own = groups.map((g) => g.groupId).filter((g) => g.includes(containing));
    if (own.length) await admin.deleteGroups(own);
  } finally {
    await admin.disconnect();
  }
}
