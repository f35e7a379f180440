import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { clientDatabaseOptions } from '@bascule/client/infrastructure';
import { createTestDatabase, eventually, spawnTs, testKafka, waitForExit, waitForOutput, writeConnectSecrets } from '@bascule/shared/testing';
import { freePort } from '../apps/client-service/test/client-service.harness';
import { progress, Row } from './bench-kit';

const root = resolve(__dirname, '..');
const INSERT = `INSERT INTO "CLIENTS" ("NOM", "PRENOM", "EMAIL", "ADRESSE1", "CODE_POSTAL", "VILLE", "DATE_CREATION") VALUES ($1, 'Bench', $2, '1 rue du Banc', '75001', 'PARIS', '25/11/2026') RETURNING "NO_CLIENT" AS no`;

/**
 * Legacy changes through Debezium into client-service: sustained changes/s against the rate of raw
 * inserts into the legacy database, and commit → applied lag at a fixed rate against commit → on the
 * topic (Debezium alone), all in the same run.
 */
export async function benchCdc(changes: number, rate: number): Promise<Row[]> {
  const id = randomBytes(4).toString('hex');
  const prefix = `benchcdc${id}`;
  const legacyDb = await createTestDatabase('bench_legacy');
  const serviceDb = await createTestDatabase('bench_cdc_service');
  const legacy = new Pool({ ...legacyDb.settings, max: 8 });
  const service = new Pool({ ...serviceDb.settings, max: 2 });
  await legacy.query(readFileSync(resolve(root, 'apps/legacy-monolith/sql/schema.sql'), 'utf8'));
  await (await new DataSource(clientDatabaseOptions({ ...process.env, CLIENT_DATABASE: serviceDb.name })).initialize()).destroy();
  const app = spawnTs('apps/client-service/src/main.ts', { CLIENT_DATABASE: serviceDb.name, CLIENT_HTTP_PORT: String(await freePort()), CLIENT_GRPC_PORT: String(await freePort()), LOG_LEVEL: 'silent', LEGACY_CDC: 'on', LEGACY_TOPIC_PREFIX: prefix, LEGACY_CONNECTOR_NAME: `bench-${id}` });
  const env = { ...process.env, LEGACY_CONNECTOR_NAME: `bench-${id}`, LEGACY_DATABASE: legacyDb.name, LEGACY_TOPIC_PREFIX: prefix, LEGACY_SLOT: `bench_${id}`, LEGACY_PUBLICATION: `bench_${id}`, LEGACY_PUBLICATION_AUTOCREATE: 'filtered', CONNECT_SECRETS_FILE: benchSecrets(id, legacyDb.settings) };
  const applied = async () => Number((await service.query('SELECT count(*) AS n FROM legacy_client_keys')).rows[0].n);
  try {
    await waitForOutput(app, /client-service ready/);
    execFileSync(process.execPath, ['tools/infra/connect/register-connector.js'], { cwd: root, env });

    progress(`raw inserts: ${changes} legacy rows, one per transaction, 8 connections`);
    let started = Date.now();
    await Promise.all(Array.from({ length: 8 }, async (_, worker) => {
      for (let i = worker; i < changes; i += 8) await legacy.query(INSERT, [`SAT${i}`, `sat${i}.${id}@exemple.fr`]);
    }));
    const insertRate = changes / ((Date.now() - started) / 1000);
    progress(`through Debezium into client-service: waiting for ${changes} clients`);
    await eventually(async () => (await applied()) >= changes, 600_000, 200);
    const syncRate = changes / ((Date.now() - started) / 1000);

    const count = rate * 5;
    progress(`lag: ${count} changes at ${rate}/s (5 s), commit → applied and commit → on the topic`);
    const committed = new Map<number, number>();
    const onTopic = new Map<number, number>();
    const reader = testKafka('bench-cdc').consumer({ groupId: `bench-reader-${id}` });
    await reader.connect();
    await reader.subscribe({ topic: `${prefix}.public.CLIENTS` });
    await reader.run({ eachMessage: async ({ message }) => void onTopic.set(Number(JSON.parse(message.key?.toString() ?? '{}').NO_CLIENT), Date.now()) });
    started = Date.now();
    const inserts: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const due = started + (i * 1000) / rate;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      inserts.push(legacy.query(INSERT, [`LAG${i}`, `lag${i}.${id}@exemple.fr`]).then(({ rows }) => void committed.set(rows[0].no, Date.now())));
    }
    await Promise.all(inserts);
    await eventually(async () => (await applied()) >= changes + count, 120_000, 200);
    await eventually(async () => [...committed.keys()].every((no) => onTopic.has(no)), 60_000, 200);
    await reader.disconnect();
    const { rows } = await service.query(`SELECT no_client, extract(epoch FROM updated_at) * 1000 AS at FROM legacy_client_keys WHERE no_client = ANY($1::int[])`, [[...committed.keys()]]);
    const appliedLag = percentiles(rows.map((r: { no_client: number; at: string }) => Number(r.at) - (committed.get(r.no_client) ?? 0)));
    const topicLag = percentiles([...committed].map(([no, at]) => (onTopic.get(no) ?? 0) - at));
    return [
      { scenario: 'legacy changes → client-service', measure: 'changes/s', bascule: syncRate, baseline: insertRate, higherIsBetter: true },
      { scenario: `CDC lag at ${rate} changes/s`, measure: 'p50 ms', bascule: appliedLag.p50, baseline: topicLag.p50, higherIsBetter: false },
      { scenario: `CDC lag at ${rate} changes/s`, measure: 'p99 ms', bascule: appliedLag.p99, baseline: topicLag.p99, higherIsBetter: false },
    ];
  } finally {
    await fetch(`${process.env.CONNECT_URL ?? 'http://127.0.0.1:8083'}/connectors/bench-${id}`, { method: 'DELETE' }).catch(() => undefined);
    app.kill('SIGTERM');
    await waitForExit(app);
    await legacy.end();
    await service.end();
    await legacyDb.drop();
    await serviceDb.drop();
  }
}

function percentiles(values: number[]): { p50: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length * 0.5)] ?? 0, p99: sorted[Math.floor(sorted.length * 0.99)] ?? 0 };
}

/** The bench's own database account and salt, read by the Connect worker through its FileConfigProvider (ADR 0013). */
function benchSecrets(id: string, settings: { user: string; password: string }): string {
  return writeConnectSecrets(`bench-${id}`, { 'legacy.db.user': settings.user, 'legacy.db.password': settings.password, 'legacy.hash.salt': randomBytes(32).toString('hex') });
}
