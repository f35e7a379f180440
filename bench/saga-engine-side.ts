import { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AssignerProtocol, Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { SAGA_REPLIES_TOPIC } from '@bascule/saga';
import {
  createTestDatabase,
  createTopics,
  freePort,
  groupStartingAtEnd,
  postgresSettings,
  serviceRole,
  spawnTs,
  TestDatabase,
  waitForExit,
  waitForOutput,
} from '@bascule/shared/testing';
import { progress } from './bench-kit';
import { deleteGroups } from './saga-chain-side';
import { contextDatabases, ContextDatabases, dropAll, orderStatuses, Participant } from './saga-databases';
import { Confirmations, SagaSide } from './saga-load';

const root = join(__dirname, '..');
export const ORCHESTRATOR_APP = 'apps/order-saga';
const PARTICIPANT_APPS: Record<Participant, string> = {
  orders: 'apps/orders-service',
  inventory: 'apps/inventory-service',
  payment: 'apps/payment-service',
  billing: 'apps/billing-service',
};
const TOPIC = /^[a-z][a-z-]*\.(events|commands|replies)\.v\d+$/;

interface Manifest {
  service: string;
  entry: string;
  envPrefix: string;
}

const manifestOf = (app: string): Manifest & Record<string, unknown> =>
  JSON.parse(readFileSync(join(root, app, 'context.manifest.json'), 'utf8'));

/** Every platform topic a manifest names (events, saga commands, replies), wherever it names it. */
function topicsNamed(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string' && TOPIC.test(value)) into.add(value);
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => topicsNamed(v, into));
  return into;
}

/** What a service reads: its consumed topics, its saga commands, and an orchestrator's replies. */
const readsOf = (manifest: Record<string, unknown>) => [
  ...topicsNamed([manifest.consumes, (manifest.sagaCommands as { topic?: unknown } | undefined)?.topic]),
  ...(manifest.orchestratesSagas ? [SAGA_REPLIES_TOPIC] : []),
];

export const orchestratorPresent = () => existsSync(join(root, ORCHESTRATOR_APP, 'context.manifest.json'));

/**
 * The engine side: orders, inventory, payment and billing services and the order-saga orchestrator, each as `npm
 * start` runs it (its own process, its own fresh database), on the platform's topics (a service's topics are not
 * settings) with consumer groups of the run's own that start at the topics' end, so the side sees only its own orders.
 */
export async function startEngineSide(kafka: Kafka, run: string, env: Record<string, string>): Promise<SagaSide> {
  if (!orchestratorPresent()) throw new Error(`${ORCHESTRATOR_APP} is not in this tree: no engine side to measure`);
  const apps = { ...PARTICIPANT_APPS, orchestrator: ORCHESTRATOR_APP };
  const manifests = Object.fromEntries(Object.entries(apps).map(([name, app]) => [name, manifestOf(app)]));
  const topics = [...topicsNamed(Object.values(manifests)), SAGA_REPLIES_TOPIC];
  const others = await groupsTakingSagaMessages(kafka, topics);
  if (others.length > 0 && !process.env.BENCH_SAGA_SHARED_TOPICS)
    throw new Error(
      `consumer groups ${others.join(', ')} take saga commands or replies on this broker: the bench's participants would answer their sagas' commands and theirs the bench's (a service's topics are not settings). Run when they are done, or set BENCH_SAGA_SHARED_TOPICS=1`,
    );
  const groups = Object.values(manifests).map((m) => `${m.service}.bench-saga-${run}`);
  const children: ChildProcess[] = [];
  let dbs: Partial<ContextDatabases> = {};
  let sagaDb: TestDatabase | undefined;
  const cleanUp = async () => {
    for (const child of children) child.kill('SIGTERM');
    for (const child of children) await waitForExit(child);
    await dropAll(dbs);
    await sagaDb?.drop().catch(() => undefined);
    await deleteGroups(kafka, groups);
  };
  try {
    await createTopics(kafka, topics, 6); // those a broker set up before a context existed lacks (none once set up)
    dbs = await contextDatabases('engine');
    const orchestrator = manifests.orchestrator;
    const own = ownRole(orchestrator.envPrefix);
    sagaDb = await createTestDatabase('bench_saga_engine_orchestrator', own.role);
    const ports: Record<string, { http: number; grpc: number; metrics: number; prefix: string }> = {};
    for (const [name, m] of Object.entries(manifests))
      ports[name] = { http: await freePort(), grpc: await freePort(), metrics: await freePort(), prefix: m.envPrefix };
    const grpcUrls = Object.fromEntries(
      Object.values(ports).map((p) => [`${p.prefix}_GRPC_URL`, `127.0.0.1:${p.grpc}`]),
    );
    const databaseOf = (name: string) => (name === 'orchestrator' ? sagaDb : dbs[name as Participant]) as TestDatabase;
    progress(
      `engine: starting ${Object.values(manifests)
        .map((m) => m.service)
        .join(', ')} (groups at the topics' end)`,
    );
    // Each group at the end of what its service reads (kafkajs takes seconds a topic: the services' in parallel).
    const groupOf: Record<string, string> = Object.fromEntries(
      await Promise.all(
        Object.entries(manifests).map(async ([name, m]) => [
          name,
          await groupStartingAtEnd(kafka, `${m.service}.bench-saga-${run}`, readsOf(m)),
        ]),
      ),
    );
    for (const [name, m] of Object.entries(manifests)) {
      const p = ports[name];
      const child = spawnTs(m.entry, {
        ...env,
        ...grpcUrls,
        ...(name === 'orchestrator' ? own.env : {}),
        // A profile per service: BENCH_SAGA_NODE_OPTIONS="--require ./bench/cpu-profile.js" (see that file).
        ...(process.env.BENCH_SAGA_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SAGA_NODE_OPTIONS } : {}),
        LEGACY_CDC: 'off',
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
        RATE_LIMIT_REQUESTS: '0',
        DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '20',
        EVENT_CONSUMER_GROUP: groupOf[name],
        [`${p.prefix}_DATABASE`]: databaseOf(name).name,
        [`${p.prefix}_HTTP_PORT`]: String(p.http),
        [`${p.prefix}_GRPC_PORT`]: String(p.grpc),
        [`${p.prefix}_METRICS_PORT`]: String(p.metrics),
      });
      children.push(child);
    }
    // Five services compiling at once on a busy machine: minutes, not seconds.
    const startMs = Number(process.env.BENCH_START_TIMEOUT_MS ?? 600_000);
    await Promise.all(
      Object.values(manifests).map((m, i) => waitForOutput(children[i], new RegExp(`${m.service} ready`), startMs)),
    );
    progress(`engine ready: ${Object.values(manifests).length} services, each its own process and database`);
    const orders = dbs.orders as TestDatabase;
    const confirmations = await Confirmations.listen(orders.settings);
    const sagas = new Pool({ ...sagaDb.settings, max: 1 });
    const count = async (sql: string) => (await sagas.query(sql)).rows;
    return {
      name: 'engine',
      url: `http://127.0.0.1:${ports.orders.http}`,
      confirmations,
      completed: async () => Number((await count(`SELECT count(*) AS n FROM sagas WHERE status = 'COMPLETED'`))[0].n),
      describe: async () => {
        const rows = await count(
          `SELECT status, coalesce(current_step, '-') AS step, count(*) AS n FROM sagas GROUP BY 1, 2 ORDER BY 1, 2`,
        );
        const states = rows.map((r) => `${r.status}/${r.step} ${r.n}`).join(', ') || 'none';
        return `sagas ${states}; ${await orderStatuses(orders)}`;
      },
      stop: async () => {
        await confirmations.close();
        await sagas.end();
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/**
 * The orchestrator's own database role, as setup makes it; on a machine set up before the orchestrator existed
 * (no password for it yet), the administrator's, said aloud.
 */
function ownRole(prefix: string): { role?: { user: string; password: string }; env: Record<string, string> } {
  try {
    return { role: serviceRole(prefix), env: {} };
  } catch {
    progress(
      `WARNING: no ${prefix}_DB_PASSWORD (npm run setup predates the orchestrator): it runs as the administrator`,
    );
    const { user, password } = postgresSettings();
    return { env: { [`${prefix}_DB_USER`]: user, [`${prefix}_DB_PASSWORD`]: password } };
  }
}

/** Active consumer groups (another orchestrator's, another participant's) subscribed to saga commands or replies. */
async function groupsTakingSagaMessages(kafka: Kafka, topics: string[]): Promise<string[]> {
  const saga = new Set(topics.filter((topic) => /\.(commands|replies)\.v\d+$/.test(topic)));
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ids = (await admin.listGroups()).groups.filter((g) => g.protocolType === 'consumer').map((g) => g.groupId);
    if (ids.length === 0) return [];
    const { groups } = await admin.describeGroups(ids);
    const subscribed = (metadata: Buffer) => {
      try {
        return AssignerProtocol.MemberMetadata.decode(metadata)?.topics ?? [];
      } catch {
        return [];
      }
    };
    return groups
      .filter((g) => g.members.some((m) => subscribed(m.memberMetadata).some((topic) => saga.has(topic))))
      .map((g) => g.groupId);
  } finally {
    await admin.disconnect();
  }
}
