// node -r ./tools/infra/local-secrets.js -r @swc-node/register bench/legacy-snapshot.ts [--clients 100000] [--orders 1000]
// A legacy database filled by `npm run legacy:generate`, captured by Debezium (snapshot) into client-service:
// how fast the snapshot is applied, and how many rows are quarantined, why (target: none; ADR 0021).
import { ChildProcess, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import {
  createTestDatabase,
  createTopics,
  deleteTopics,
  readUntil,
  serviceRole,
  testKafka,
  topicEnd,
  waitForExit,
} from '@bascule/shared/testing';
import { progress, waitForCount } from './bench-kit';
import { deleteCapture, migrateClientDatabase, registerCapture, startSyncingService } from './cdc-harness';

const root = resolve(__dirname, '..');

async function main() {
  const { values } = parseArgs({
    options: { clients: { type: 'string', default: '100000' }, orders: { type: 'string', default: '1000' } },
  });
  const clients = Number(values.clients);
  const id = randomBytes(4).toString('hex');
  const prefix = `snapshot${id}`;
  const topic = `${prefix}.public.CLIENTS`;
  const connector = `snapshot-${id}`;
  const kafka = testKafka('legacy-snapshot');
  const legacyDb = await createTestDatabase('snapshot_legacy', serviceRole('LEGACY'));
  const serviceDb = await createTestDatabase('snapshot_service', serviceRole('CLIENT'));
  const service = new Pool({ ...serviceDb.settings, max: 1 });
  let app: ChildProcess | undefined;
  try {
    const legacy = new Pool({ ...legacyDb.settings, max: 1 });
    await legacy.query(readFileSync(resolve(root, 'apps/legacy-monolith/sql/schema.sql'), 'utf8'));
    await legacy.end();
    progress(`npm run legacy:generate -- --clients ${clients} --orders ${values.orders} (database ${legacyDb.name})`);
    execFileSync(
      'npm',
      ['run', '--silent', 'legacy:generate', '--', '--clients', String(clients), '--orders', String(values.orders)],
      {
        cwd: root,
        env: { ...process.env, LEGACY_DATABASE: legacyDb.name, NODE_ENV: 'development' },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    await migrateClientDatabase(serviceDb.name);
    await createTopics(kafka, [`${topic}.dlq`], 1);
    app = await startSyncingService(serviceDb.name, prefix, connector);
    const started = Date.now();
    registerCapture(id, legacyDb.name, prefix, connector);
    const quarantined = async () =>
      Object.values(await topicEnd(kafka, `${topic}.dlq`)).reduce((n, end) => n + Number(end), 0);
    const applied = async () => Number((await service.query('SELECT count(*) AS n FROM legacy_client_keys')).rows[0].n);
    await waitForCount(
      'legacy clients applied or quarantined',
      async () => (await applied()) + (await quarantined()),
      clients,
      1_800_000,
    );
    const seconds = (Date.now() - started) / 1000;
    const set = await quarantined();
    const reasons = new Map<string, number>();
    if (set > 0)
      for (const letter of await readUntil(kafka, `${topic}.dlq`, (m) => m.length >= set, 60_000))
        reasons.set(letter.headers.dlq_error, (reasons.get(letter.headers.dlq_error) ?? 0) + 1);
    const [{ n: withoutEmail }] = (await service.query('SELECT count(*)::int AS n FROM clients WHERE email IS NULL'))
      .rows;
    console.log(
      `snapshot of ${clients} legacy clients applied in ${seconds.toFixed(0)} s (${(clients / seconds).toFixed(0)}/s, from the connector's registration)`,
    );
    console.log(
      `applied ${await applied()}, of which without email ${withoutEmail}; quarantined ${set}${[...reasons].map(([why, n]) => `\n  ${n} × ${why}`).join('')}`,
    );
  } finally {
    await deleteCapture(connector);
    app?.kill('SIGTERM');
    if (app) await waitForExit(app);
    await service.end();
    await legacyDb.drop();
    await serviceDb.drop();
    await deleteTopics(kafka, await topicsOf(kafka, prefix));
  }
}

/** This run's topics: the captured tables that had rows, and the dead letters. */
async function topicsOf(kafka: ReturnType<typeof testKafka>, prefix: string): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.listTopics()).filter((name) => name.startsWith(`${prefix}.`));
  } finally {
    await admin.disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
