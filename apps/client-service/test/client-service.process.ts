import { ChildProcess, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client, Pool } from 'pg';
import {
  asAdmin,
  createTestDatabase,
  createTopics,
  deleteTopics,
  postgresSettings,
  secretsDir,
  serviceRole,
  spawnTs,
  TestDatabase,
  testKafka,
  tokenFor,
  waitForExit,
  waitForOutput,
  writeConnectSecrets,
} from '@bascule/shared/testing';
import { freePort } from './client-service.harness';

const root = resolve(__dirname, '../../..');
const connectUrl = process.env.CONNECT_URL ?? 'http://127.0.0.1:8083';

export interface ClientServiceProcess {
  child: ChildProcess;
  url: string;
  /** The management port (`/metrics`). */
  metricsUrl: string;
  db: TestDatabase;
  /** What the process printed (warnings and errors: LOG_LEVEL=warn). */
  output(): string;
  /** SQL on the service's database over a fresh connection (a pool of the test's own would be terminated with the service's). */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

/** client-service as `npm start` runs it: its own Node process (main.ts), on a fresh database. */
export async function startClientServiceProcess(env: Record<string, string> = {}): Promise<ClientServiceProcess> {
  const db = await createTestDatabase('client_process', serviceRole('CLIENT'));
  const [httpPort, grpcPort, metricsPort] = [await freePort(), await freePort(), await freePort()];
  const child = spawnTs('apps/client-service/src/main.ts', {
    LOG_LEVEL: 'warn',
    LEGACY_CDC: 'off',
    CLIENT_DATABASE: db.name,
    CLIENT_HTTP_PORT: String(httpPort),
    CLIENT_GRPC_PORT: String(grpcPort),
    CLIENT_METRICS_PORT: String(metricsPort),
    ...env,
  });
  let printed = '';
  child.stdout?.on('data', (chunk: Buffer) => (printed = (printed + chunk.toString()).slice(-200_000)));
  child.stderr?.on('data', (chunk: Buffer) => (printed = (printed + chunk.toString()).slice(-200_000)));
  await waitForOutput(child, /client-service ready/, 90_000).catch(async (error) => {
    child.kill('SIGKILL');
    await waitForExit(child);
    await db.drop();
    throw error;
  });
  return {
    child,
    url: `http://127.0.0.1:${httpPort}`,
    metricsUrl: `http://127.0.0.1:${metricsPort}`,
    db,
    output: () => printed,
    query: async <T>(sql: string, params: unknown[] = []) => {
      const client = new Client(db.settings);
      await client.connect();
      try {
        return (await client.query(sql, params)).rows as T[];
      } finally {
        await client.end();
      }
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await waitForExit(child);
      }
      await db.drop();
    },
  };
}

/** `headers` with a bearer token holding every role (the local OpenID Provider's `bascule-demo` client). */
export async function withToken(headers: Record<string, string> = {}): Promise<Record<string, string>> {
  return { ...headers, authorization: `Bearer ${await tokenFor()}` };
}

/** A legacy database of the test's own, captured by a Debezium connector of its own (own topic prefix, slot, publication). */
export interface CapturedLegacy {
  sql: Pool;
  prefix: string;
  connector: string;
  topic: string;
  /** Inserts `count` clients in one transaction; returns their NO_CLIENT. */
  insertClients(count: number, tag: string): Promise<number[]>;
  /** Moves a client to a city no other change uses (one address change per call). */
  moveClient(noClient: number, city: string): Promise<void>;
  drop(): Promise<void>;
}

export async function startCapturedLegacy(): Promise<CapturedLegacy> {
  const id = randomBytes(4).toString('hex');
  const prefix = `legacy${id}`;
  const connector = `legacy-test-${id}`;
  const topic = `${prefix}.public.CLIENTS`;
  const db = await createTestDatabase('legacy_capture', serviceRole('LEGACY'));
  const sql = new Pool({ ...db.settings, max: 4 });
  const kafka = testKafka();
  const drop = async () => {
    await fetch(`${connectUrl}/connectors/${connector}`, { method: 'DELETE' }).catch(() => undefined);
    rmSync(join(secretsDir(), `${connector}.properties`), { force: true });
    await sql.end();
    await db.drop();
    await deleteTopics(kafka, [topic, `${topic}.dlq`, `${prefix}.public.PAIEMENTS`, `${prefix}.public.COMMANDES`]);
  };
  try {
    await sql.query(readFileSync(resolve(root, 'apps/legacy-monolith/sql/schema.sql'), 'utf8'));
    await createTopics(kafka, [topic], 12);
    await createTopics(kafka, [`${topic}.dlq`], 1);
    execFileSync(process.execPath, ['tools/infra/connect/wait-for-connect.js', '120'], { cwd: root, stdio: 'ignore' }); // another suite may be restarting the shared worker
    execFileSync(process.execPath, ['tools/infra/connect/register-connector.js'], {
      cwd: root,
      env: {
        ...process.env,
        LEGACY_CONNECTOR_NAME: connector,
        LEGACY_DATABASE: db.name,
        LEGACY_TOPIC_PREFIX: prefix,
        LEGACY_SLOT: `slot_${id}`,
        LEGACY_PUBLICATION: `pub_${id}`,
        LEGACY_PUBLICATION_AUTOCREATE: 'filtered',
        CONNECT_SECRETS_FILE: writeConnectSecrets(connector, {
          'legacy.db.user': postgresSettings().user,
          'legacy.db.password': postgresSettings().password,
          'legacy.hash.salt': randomBytes(32).toString('hex'),
        }),
      },
    });
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
  let inserted = 0;
  return {
    sql,
    prefix,
    connector,
    topic,
    insertClients: async (count, tag) => {
      const { rows } = await sql.query(
        `INSERT INTO "CLIENTS" ("NOM", "PRENOM", "EMAIL", "ADRESSE1", "CODE_POSTAL", "VILLE", "STATUT", "DATE_CREATION")
         SELECT 'NOM' || n, 'Prenom', lower($1) || '.' || n || '.${id}@exemple.fr', n || ' rue Haute', '69002', 'LYON', 'A', '25/11/2026'
           FROM generate_series($2::int, $3::int) AS n RETURNING "NO_CLIENT" AS no`,
        [tag, inserted + 1, inserted + count],
      );
      inserted += count;
      return rows.map((r) => Number(r.no));
    },
    moveClient: async (noClient, city) =>
      void (await sql.query(`UPDATE "CLIENTS" SET "VILLE" = $2 WHERE "NO_CLIENT" = $1`, [noClient, city])),
    drop,
  };
}

export { asAdmin };

/** Terminates every backend connected to `database` (what a failover or a restart does to a service); returns how many. */
export async function terminateBackends(admin: Client, database: string): Promise<number> {
  const { rows } = await admin.query(
    'SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [database],
  );
  return rows[0].n;
}

/** The value of a Prometheus counter in a `/metrics` text, summed over the series matching `labels`. */
export function counterValue(metrics: string, name: string, labels: Record<string, string> = {}): number {
  return metrics
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}
