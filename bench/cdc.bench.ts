import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { clientDatabaseOptions } from '@bascule/client/infrastructure';
import {
  createTestDatabase,
  postgresSettings,
  serviceRole,
  spawnTs,
  testKafka,
  waitForExit,
  waitForOutput,
  writeConnectSecrets,
} from '@bascule/shared/testing';
import { freePort } from '../apps/client-service/test/client-service.harness';
import { percentiles, progress, Row, waitForCount } from './bench-kit';

const root = resolve(__dirname, '..');
// clock_timestamp() in RETURNING: the legacy commit's time on the database clock (autocommit: it commits next).
const INSERT = `INSERT INTO "CLIENTS" ("NOM", "PRENOM", "EMAIL", "ADRESSE1", "CODE_POSTAL", "VILLE", "DATE_CREATION") VALUES ($1, 'Bench', $2, '1 rue du Banc', '75001', 'PARIS', '25/11/2026')
  RETURNING "NO_CLIENT" AS no, (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS at`;
// The service's commit of an applied change, on the same clock: a deferred trigger runs at COMMIT, after the
// apply's own statements, and records the time in a side table that commits with them. Bench-only.
const COMMIT_CLOCK = `
  CREATE UNLOGGED TABLE bench_applied (no_client integer NOT NULL, committed_ms float8 NOT NULL);
  CREATE FUNCTION bench_applied_at() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
    BEGIN INSERT INTO bench_applied VALUES (NEW.no_client, extract(epoch FROM clock_timestamp()) * 1000); RETURN NULL; END $$;
  CREATE CONSTRAINT TRIGGER bench_applied_at AFTER INSERT OR UPDATE ON legacy_client_keys
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bench_applied_at();`;

/**
 * Legacy changes through Debezium into client-service, against Debezium alone on the same changes:
 * (a) a burst of `changes` legacy inserts as fast as 8 connections go: changes/s committed by the service
 *     vs changes/s Debezium put onto the topic, both from the burst's start;
 * (b) `rate` changes/s for 5 s: legacy commit → the service's commit of the applied change, vs legacy
 *     commit → the change on the topic (Debezium alone).
 * "On the topic" is the Kafka record's timestamp (set by Connect's producer when Debezium hands it over);
 * all times are the machine's clock (PostgreSQL's clock_timestamp, Kafka's and Node's Date.now).
 */
export async function benchCdc(changes: number, rate: number): Promise<Row[]> {
  const id = randomBytes(4).toString('hex');
  const prefix = `benchcdc${id}`;
  const topic = `${prefix}.public.CLIENTS`;
  const legacyDb = await createTestDatabase('bench_legacy', serviceRole('LEGACY'));
  const serviceDb = await createTestDatabase('bench_cdc_service', serviceRole('CLIENT'));
  const legacy = new Pool({ ...legacyDb.settings, max: 8 });
  const service = new Pool({ ...serviceDb.settings, max: 2 });
  await legacy.query(readFileSync(resolve(root, 'apps/legacy-monolith/sql/schema.sql'), 'utf8'));
  await (
    await new DataSource(clientDatabaseOptions({ ...process.env, CLIENT_DATABASE: serviceDb.name })).initialize()
  ).destroy();
  await service.query(COMMIT_CLOCK);
  const app = spawnTs('apps/client-service/src/main.ts', {
    CLIENT_DATABASE: serviceDb.name,
    CLIENT_HTTP_PORT: String(await freePort()),
    CLIENT_GRPC_PORT: String(await freePort()),
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    LEGACY_CDC: 'on',
    LEGACY_TOPIC_PREFIX: prefix,
    LEGACY_CONNECTOR_NAME: `bench-${id}`,
  });
  const env = {
    ...process.env,
    LEGACY_CONNECTOR_NAME: `bench-${id}`,
    LEGACY_DATABASE: legacyDb.name,
    LEGACY_TOPIC_PREFIX: prefix,
    LEGACY_SLOT: `bench_${id}`,
    LEGACY_PUBLICATION: `bench_${id}`,
    LEGACY_PUBLICATION_AUTOCREATE: 'filtered',
    CONNECT_SECRETS_FILE: benchSecrets(id, postgresSettings()),
  };
  const applied = async () =>
    Number((await service.query('SELECT count(DISTINCT no_client) AS n FROM bench_applied')).rows[0].n);
  const reader = testKafka('bench-cdc').consumer({ groupId: `bench-reader-${id}`, allowAutoTopicCreation: false });
  const onTopic = new Map<number, number>(); // NO_CLIENT → record timestamp (first seen)
  const read = new Map<number, number>(); // NO_CLIENT → when this process read it (for comparison only)
  try {
    await waitForOutput(app, /client-service ready/);
    execFileSync(process.execPath, ['tools/infra/connect/register-connector.js'], { cwd: root, env });
    progress('warm-up: one legacy change through Debezium into client-service (connector and topic ready)');
    await legacy.query(INSERT, ['WARMUP', `warmup.${id}@exemple.fr`]);
    await waitForCount('warm-up change applied', applied, 1, 120_000);
    await reader.connect();
    await reader.subscribe({ topic, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const no = message.key ? noClientOf(message.key) : NaN;
        if (!onTopic.has(no)) onTopic.set(no, Number(message.timestamp));
        if (!read.has(no)) read.set(no, Date.now());
      },
    });

    progress(`burst: ${changes} legacy inserts, one per transaction, 8 connections`);
    const burst: number[] = [];
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 8 }, async (_, worker) => {
        for (let i = worker; i < changes; i += 8)
          burst.push((await legacy.query(INSERT, [`SAT${i}`, `sat${i}.${id}@exemple.fr`])).rows[0].no);
      }),
    );
    progress(
      `burst committed in the legacy database at ${(changes / ((Date.now() - started) / 1000)).toFixed(0)} changes/s`,
    );
    await waitForCount(
      'burst on the topic (Debezium)',
      async () => burst.filter((no) => onTopic.has(no)).length,
      changes,
      600_000,
    );
    await waitForCount('burst applied by client-service', applied, 1 + changes, 600_000);
    const serviceDone = await lastCommit(service, burst);
    const debeziumDone = Math.max(...burst.map((no) => onTopic.get(no) ?? NaN));
    const syncRate = changes / ((serviceDone - started) / 1000);
    const debeziumRate = changes / ((debeziumDone - started) / 1000);

    const count = rate * 5;
    progress(
      `lag: ${count} legacy changes at ${rate}/s offered (5 s), commit → service's commit and commit → on the topic`,
    );
    const committed = new Map<number, number>();
    const paced = Date.now();
    const inserts: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const due = paced + (i * 1000) / rate;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      inserts.push(
        legacy
          .query(INSERT, [`LAG${i}`, `lag${i}.${id}@exemple.fr`])
          .then(({ rows }) => void committed.set(rows[0].no, Number(rows[0].at))),
      );
    }
    await Promise.all(inserts);
    const measuredRate = count / ((Math.max(...committed.values()) - paced) / 1000);
    progress(`legacy commits measured at ${measuredRate.toFixed(0)}/s`);
    await waitForCount('lag changes applied by client-service', applied, 1 + changes + count, 300_000);
    await waitForCount(
      'lag changes on the topic',
      async () => [...committed.keys()].filter((no) => onTopic.has(no)).length,
      count,
      120_000,
    );
    const { rows } = await service.query(
      `SELECT no_client, min(committed_ms) AS at FROM bench_applied WHERE no_client = ANY($1::int[]) GROUP BY no_client`,
      [[...committed.keys()]],
    );
    const appliedLag = percentiles(
      rows.map((r: { no_client: number; at: number }) => r.at - (committed.get(r.no_client) ?? NaN)),
    );
    const topicLag = percentiles([...committed].map(([no, at]) => (onTopic.get(no) ?? NaN) - at));
    const readLag = percentiles([...committed].map(([no, at]) => (read.get(no) ?? NaN) - at));
    progress(
      `Debezium alone, commit → record timestamp: p50 ${topicLag.p50.toFixed(0)} ms, p99 ${topicLag.p99.toFixed(0)} ms; commit → read by a consumer: p50 ${readLag.p50.toFixed(0)} ms, p99 ${readLag.p99.toFixed(0)} ms`,
    );
    const scenario = `CDC lag at ${rate}/s offered (${measuredRate.toFixed(0)}/s measured) vs Debezium alone`;
    return [
      {
        scenario: `legacy burst of ${changes} → client-service vs Debezium alone`,
        measure: 'changes/s',
        bascule: syncRate,
        baseline: debeziumRate,
        higherIsBetter: true,
      },
      { scenario, measure: 'p50 ms', bascule: appliedLag.p50, baseline: topicLag.p50, higherIsBetter: false },
      { scenario, measure: 'p99 ms', bascule: appliedLag.p99, baseline: topicLag.p99, higherIsBetter: false },
    ];
  } finally {
    await reader.disconnect().catch(() => undefined);
    await fetch(`${process.env.CONNECT_URL ?? 'http://127.0.0.1:8083'}/connectors/bench-${id}`, {
      method: 'DELETE',
    }).catch(() => undefined);
    app.kill('SIGTERM');
    await waitForExit(app);
    await legacy.end();
    await service.end();
    await legacyDb.drop();
    await serviceDb.drop();
  }
}

/** Debezium's key is `{"NO_CLIENT": n}` (JSON converter, schemas off). */
const noClientOf = (key: Buffer) => Number((JSON.parse(key.toString()) as { NO_CLIENT: number }).NO_CLIENT);

async function lastCommit(service: Pool, noClients: number[]): Promise<number> {
  const { rows } = await service.query(
    `SELECT max(at) AS done FROM (SELECT min(committed_ms) AS at FROM bench_applied WHERE no_client = ANY($1::int[]) GROUP BY no_client) firsts`,
    [noClients],
  );
  return Number(rows[0].done);
}

/** The bench's own database account and salt, read by the Connect worker through its FileConfigProvider (ADR 0013). */
function benchSecrets(id: string, settings: { user: string; password: string }): string {
  return writeConnectSecrets(`bench-${id}`, {
    'legacy.db.user': settings.user,
    'legacy.db.password': settings.password,
    'legacy.hash.salt': randomBytes(32).toString('hex'),
  });
}
