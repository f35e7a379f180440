import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CLIENT_EVENTS_TOPIC } from '@bascule/client/contracts';
import { INVENTORY_EVENTS_TOPIC } from '@bascule/inventory/contracts';
import { ORDERS_EVENTS_TOPIC } from '@bascule/orders/contracts';
import {
  closeEach,
  connectorRunning,
  connectUrl,
  eventually,
  freePort,
  importRealmAdditions,
  RunningService,
  serviceReady,
  spawnTs,
  startTestService,
  suiteCapture,
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
  /**
   * Stops the connector (Connect's `PUT …/stop`: its task ends and commits its offsets), runs `meanwhile`, and
   * resumes it; resolves once its task runs again.
   */
  restartConnectorAround(meanwhile: () => Promise<void>): Promise<void>;
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
  const capture = suiteCapture({
    id,
    name: 'ordlegacy',
    context: 'orders',
    tables: TABLES,
    schema: schemaSql,
    connections: 4,
  });
  const steps: (() => Promise<unknown>)[] = [() => capture.close()];
  const close = () => closeEach(...steps.splice(0).reverse());
  try {
    await capture.start();
    const { db } = capture;
    const login = { LEGACY_DATABASE: db.name, PGUSER: db.settings.user, PGPASSWORD: db.settings.password };
    const port = await freePort();
    const monolith = spawnTs('apps/legacy-monolith/src/main.ts', { ...login, LEGACY_HTTP_PORT: String(port) });
    steps.push(async () => {
      monolith.kill('SIGTERM');
      await waitForExit(monolith);
    });
    await waitForOutput(monolith, /legacy-monolith ready/, 120_000);
    await capture.register();
    // `LegacySyncModule.forTables` reads its topics when the module file is loaded: the settings first, then the app.
    Object.assign(process.env, { LEGACY_CDC: 'on', ...capture.env });
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
    steps.push(() => service.close());
    await serviceReady(service);
    return {
      legacy: capture.legacy,
      service,
      prefix: capture.prefix,
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
      restartConnectorAround: async (meanwhile) => {
        const connector = `${connectUrl}/connectors/${capture.connector}`;
        const put = async (action: string) => {
          const answer = await fetch(`${connector}/${action}`, { method: 'PUT' });
          if (answer.status >= 300) throw new Error(`Connect answered ${answer.status} to ${action}`);
        };
        await put('stop');
        await eventually(
          async () =>
            ((await (await fetch(`${connector}/status`)).json()) as { connector: { state: string } }).connector
              .state === 'STOPPED',
          60_000,
          250,
        );
        await meanwhile();
        await put('resume');
        await connectorRunning(capture.connector);
      },
      quarantined: async () =>
        Object.fromEntries(
          await Promise.all(
            TABLES.map(async (table) => [table, await capture.counted(service.metricsUrl, table)] as const),
          ),
        ),
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
