import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CLIENT_EVENTS_TOPIC } from '@bascule/client/contracts';
import { INVENTORY_EVENTS_TOPIC } from '@bascule/inventory/contracts';
import { ORDERS_EVENTS_TOPIC } from '@bascule/orders/contracts';
import {
  connectorRunning,
  connectUrl,
  createTestDatabase,
  createTopics,
  deleteTopics,
  eventually,
  freePort,
  importRealmAdditions,
  registerTestConnector,
  RunningService,
  spawnTs,
  startTestService,
  TestDatabase,
  testKafka,
  waitForExit,
  waitForOutput,
} from '@bascule/shared/testing';
import { Pool } from 'pg';

/** The captured tables of the legacy orders, as the legacy connector sends them. */
const TABLES = ['COMMANDES', 'LIGNES_COMMANDE'];

export interface LegacyCapture {
  /** The suite's own legacy database, with the monolith's schema. */
  legacy: Pool;
  /** orders-service, reading the suite's connector's topics. */
  service: RunningService;
  prefix: string;
  /** The monolith on the suite's legacy database (its own process, as `npm start` runs it). */
  monolithUrl: string;
  /** `npm run legacy:generate -- <args>` on the suite's legacy database; what it printed. */
  generate(args: string[]): Promise<string>;
  sql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  /** Restarts the suite's connector and its task through Connect's REST API (never the shared worker). */
  restartConnector(): Promise<void>;
  /** `bascule_acl_quarantined_total` by captured table, as orders-service's /metrics reports it. */
  quarantined(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/**
 * A legacy database of the suite's own with a Debezium connector of its own on the running Connect worker
 * (`<prefix>.public.<TABLE>` topics, transaction metadata, decimals as text: the legacy connector's settings), and
 * orders-service reading it, on a fresh database, the real broker and Keycloak (the rendered realm's additions
 * imported for the suite, removed after).
 */
export async function startLegacyCapture(id: string, schemaSql: string): Promise<LegacyCapture> {
  const connector = `bascule-ordlegacy-${id}`;
  const prefix = `ordlegacy${id}`;
  const topics = [
    // Orders' own dead-letter topics of the tables (ADR 0044) beside the capture's topics.
    ...TABLES.flatMap((table) => [`${prefix}.public.${table}`, `orders.${prefix}.${table}.dlq`]),
    `${prefix}.transaction`,
  ];
  const steps: (() => Promise<unknown>)[] = [];
  const close = async () => {
    const failures: unknown[] = [];
    for (const step of steps.reverse()) await step().catch((error: unknown) => failures.push(error));
    if (failures.length) throw failures[0];
  };
  try {
    const legacyDb: TestDatabase = await createTestDatabase('ordlegacy_legacy');
    steps.push(() => legacyDb.drop());
    const legacy = new Pool({ ...legacyDb.settings, max: 4 });
    steps.push(() => legacy.end());
    await legacy.query(schemaSql);
    await createTopics(testKafka(), topics, 3);
    steps.push(() => deleteTopics(testKafka(), topics));
    steps.push(() => dropConnector(connector, `slot_${id}`, legacy));
    const registered = await registerTestConnector(connector, legacyDb, {
      id,
      prefix,
      tables: TABLES,
      // As the legacy connector sends them (tools/infra/connect/legacy-connector.json), with its transactions.
      config: {
        'provide.transaction.metadata': 'true',
        'decimal.handling.mode': 'string',
        'time.precision.mode': 'connect',
        'poll.interval.ms': '50',
        'topic.creation.default.partitions': '3',
      },
    });
    const login = {
      LEGACY_DATABASE: legacyDb.name,
      PGUSER: legacyDb.settings.user,
      PGPASSWORD: legacyDb.settings.password,
    };
    const port = await freePort();
    const monolith = spawnTs('apps/legacy-monolith/src/main.ts', { ...login, LEGACY_HTTP_PORT: String(port) });
    steps.push(async () => {
      monolith.kill('SIGTERM');
      await waitForExit(monolith);
    });
    await waitForOutput(monolith, /legacy-monolith ready/, 120_000);
    if (registered.status !== 201) throw new Error(`Connect answered ${registered.status}: ${await registered.text()}`);
    await connectorRunning(connector);
    // `LegacySyncModule.forTables` reads its topics when the module file is loaded: the settings first, then the app.
    Object.assign(process.env, { LEGACY_CDC: 'on', LEGACY_TOPIC_PREFIX: prefix, LEGACY_CONNECTOR_NAME: connector });
    const revoke = await importRealmAdditions(join(__dirname, '../../../tools/infra/keycloak/realm-bascule.json'));
    steps.push(revoke);
    const { createOrdersApp } = await import('../src/orders-service');
    const service = await startTestService({
      prefix: 'ORDERS',
      topics: [
        ORDERS_EVENTS_TOPIC,
        `${ORDERS_EVENTS_TOPIC}.dlq`,
        CLIENT_EVENTS_TOPIC,
        INVENTORY_EVENTS_TOPIC,
        `${INVENTORY_EVENTS_TOPIC}.dlq`,
      ],
      create: createOrdersApp,
    });
    steps.push(() => deleteGroups(`orders-service.${prefix}-`));
    steps.push(() => service.close());
    const ready = async () => (await service.http().get('/health/ready')).status === 200;
    await eventually(ready, 120_000, 500);
    return {
      legacy,
      service,
      prefix,
      monolithUrl: `http://127.0.0.1:${port}`,
      generate: async (args) => {
        const { stdout } = await promisify(execFile)(
          process.execPath,
          [
            '-r',
            './tools/infra/local-secrets.js',
            '-r',
            '@swc-node/register',
            'tools/load/generate-legacy-data.ts',
            ...args,
          ],
          {
            cwd: join(__dirname, '../../..'),
            env: { ...process.env, ...login, SWC_NODE_PROJECT: 'tsconfig.base.json' },
          },
        );
        return stdout;
      },
      sql: async <T>(text: string, values: unknown[] = []) => {
        const pool = new Pool({ ...service.db.settings, max: 1 });
        try {
          return (await pool.query(text, values)).rows as T[];
        } finally {
          await pool.end();
        }
      },
      restartConnector: async () => {
        const answer = await fetch(`${connectUrl}/connectors/${connector}/restart?includeTasks=true`, {
          method: 'POST',
        });
        if (answer.status >= 300) throw new Error(`Connect answered ${answer.status} to the restart`);
        await connectorRunning(connector);
      },
      quarantined: async () => {
        const text = await (await fetch(`${service.metricsUrl}/metrics`)).text();
        return Object.fromEntries(
          TABLES.map((table) => {
            const line = new RegExp(`^bascule_acl_quarantined_total\\{[^}]*table="${table}"[^}]*\\} (\\d+)`, 'm').exec(
              text,
            );
            return [table, Number(line?.[1] ?? 0)];
          }),
        );
      },
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

async function dropConnector(connector: string, slot: string, legacy: Pool): Promise<void> {
  await fetch(`${connectUrl}/connectors/${connector}`, { method: 'DELETE' });
  const held = async () => {
    await legacy.query(
      `SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active`,
      [slot],
    );
    return (await legacy.query(`SELECT 1 FROM pg_replication_slots WHERE slot_name = $1`, [slot])).rowCount ?? 0;
  };
  await eventually(async () => (await held()) === 0, 60_000, 500);
}

async function deleteGroups(prefix: string): Promise<void> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    const own = groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
    if (own.length) await admin.deleteGroups(own);
  } finally {
    await admin.disconnect();
  }
}
