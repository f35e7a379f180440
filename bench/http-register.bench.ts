import { ChildProcess } from 'node:child_process';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { clientDatabaseOptions } from '@bascule/client/infrastructure';
import {
  createTestDatabase,
  createTopics,
  deleteTopics,
  serviceRole,
  spawnTs,
  TestDatabase,
  testKafka,
  uniqueTopic,
  waitForExit,
  waitForOutput,
} from '@bascule/shared/testing';
import { freePort } from '../apps/client-service/test/client-service.harness';
import { benchToken } from './bench-auth';
import { LoadResult, loadRegistrations, progress, registrationBody, Row } from './bench-kit';

/**
 * (1) POST /clients through client-service (its own process and database, relay on, as deployed) vs a bare
 * Fastify handler doing the same work (bearer JWT when configured, schema validation, the same SQL
 * transaction, the read-back, the same outbox relay) in its own process and database. The load generator
 * runs in this process. Rates are what was measured (2xx answers/s), not what was asked; every other
 * answer is an error, and the errors are a row of their own.
 */
export async function benchHttpRegister(seconds: number, fixedRates: number[]): Promise<Row[]> {
  const [serviceDb, baselineDb] = [
    await createTestDatabase('bench_http_service', serviceRole('CLIENT')),
    await createTestDatabase('bench_http_baseline', serviceRole('CLIENT')),
  ];
  for (const db of [serviceDb, baselineDb])
    await (
      await new DataSource(clientDatabaseOptions({ ...process.env, CLIENT_DATABASE: db.name })).initialize()
    ).destroy(); // migrations
  const [servicePort, grpcPort, baselinePort, metricsPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const poolSize = process.env.DB_POOL_SIZE ?? '20';
  const service = spawnTs('apps/client-service/src/main.ts', {
    CLIENT_DATABASE: serviceDb.name,
    CLIENT_HTTP_PORT: String(servicePort),
    CLIENT_GRPC_PORT: String(grpcPort),
    CLIENT_METRICS_PORT: String(metricsPort),
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    DB_POOL_SIZE: poolSize,
    // One token drives the whole load: the per-caller limit (ADR 0034) would measure the limiter, not the service.
    RATE_LIMIT_REQUESTS: '0',
  });
  const kafka = testKafka('bench-http');
  const baselineTopic = uniqueTopic('bench.http.baseline');
  await createTopics(kafka, [baselineTopic], 6); // as client.events.v1
  const baseline = spawnTs('bench/baseline/bare-fastify-server.ts', {
    DATABASE_URL: urlOf(baselineDb),
    PORT: String(baselinePort),
    DB_POOL_SIZE: poolSize,
    BASELINE_TOPIC: baselineTopic,
  });
  baseline.stdout?.on(
    'data',
    (chunk: Buffer) => /baseline ready/.test(String(chunk)) && progress(String(chunk).trim()),
  );
  try {
    await Promise.all([waitForOutput(service, /client-service ready/), waitForOutput(baseline, /baseline ready/)]);
    const [serviceAuth, baselineAuth] = [await asksWhoIsCalling(servicePort), await asksWhoIsCalling(baselinePort)];
    progress(
      `without a token: client-service ${serviceAuth ? 'refuses (verifies bearer JWTs)' : 'accepts (no bearer JWT verified)'}, baseline ${baselineAuth ? 'refuses (verifies bearer JWTs)' : 'accepts (no bearer JWT verified)'}`,
    );
    if (serviceAuth && !(await benchToken()))
      throw new Error(
        'client-service asks for a bearer token: set BENCH_TOKEN, or AUTH_ISSUER to fetch one with client credentials',
      );
    if (serviceAuth !== baselineAuth)
      progress('WARNING: only one side verifies bearer JWTs; set AUTH_ISSUER so that both do, or neither');
    const rows: Row[] = [];
    const runs = [
      ...fixedRates.map((rate) => ({
        label: `at ${rate} req/s offered`,
        rate,
        connections: Math.max(20, Math.ceil(rate / 10)),
      })),
      { label: 'saturation', rate: undefined, connections: 50 },
    ];
    const sides = {
      service: { name: 'client-service', port: servicePort },
      baseline: { name: 'bare Fastify doing the same work', port: baselinePort },
    };
    progress('warm-up: 2 s at 100 req/s on each side (not measured)');
    for (const side of Object.values(sides))
      await loadRegistrations(`http://127.0.0.1:${side.port}/clients`, 2, 10, 100, await benchToken());
    for (const [index, { label, rate, connections }] of runs.entries()) {
      const token = await benchToken(); // fetched per run: a run never outlives its token
      // Which side goes first alternates, so that neither always gets the quieter or the warmer moment.
      const order = index % 2 === 0 ? [sides.service, sides.baseline] : [sides.baseline, sides.service];
      const results = new Map<number, LoadResult>();
      for (const side of order) {
        progress(`POST /clients ${label}: ${side.name} (${seconds} s, ${connections} connections)`);
        results.set(
          side.port,
          await loadRegistrations(`http://127.0.0.1:${side.port}/clients`, seconds, connections, rate, token),
        );
      }
      const [ours, base] = [results.get(servicePort) as LoadResult, results.get(baselinePort) as LoadResult];
      progress(`client-service: ${summary(ours)}`);
      progress(`baseline:       ${summary(base)}`);
      if (failures(ours) > ours.rps * seconds || failures(base) > base.rps * seconds)
        progress('WARNING: most answers were errors; these figures compare failures, not work');
      const scenario = `POST /clients ${label}`;
      rows.push(
        { scenario, measure: '2xx/s measured', bascule: ours.rps, baseline: base.rps, higherIsBetter: true },
        { scenario, measure: 'p50 ms', bascule: ours.p50, baseline: base.p50, higherIsBetter: false },
        { scenario, measure: 'p99 ms', bascule: ours.p99, baseline: base.p99, higherIsBetter: false },
        {
          scenario,
          measure: 'errors (non-2xx+socket+timeouts)',
          bascule: failures(ours),
          baseline: failures(base),
          higherIsBetter: 'none',
        },
      );
    }
    const [ourOutbox, baseOutbox] = [await outboxState(serviceDb), await outboxState(baselineDb)];
    progress(`outbox rows published / written: client-service ${ourOutbox}, baseline ${baseOutbox}`);
    return rows;
  } finally {
    await stop(service);
    await stop(baseline);
    await serviceDb.drop();
    await baselineDb.drop();
    await deleteTopics(kafka, [baselineTopic]);
  }
}

const failures = (r: LoadResult) => r.non2xx + r.errors + r.timeouts;
const summary = (r: LoadResult) =>
  `${r.rps.toFixed(0)} 2xx/s (${r.answeredRps.toFixed(0)} answers/s), p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}, socket errors ${r.errors}, timeouts ${r.timeouts}`;

/** One registration without `authorization`: a 401 means the side verifies bearer tokens. */
async function asksWhoIsCalling(port: number): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${port}/clients`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(registrationBody()),
  });
  return response.status === 401;
}

async function outboxState(db: TestDatabase): Promise<string> {
  const pool = new Pool({ ...db.settings, max: 1 });
  try {
    const deadline = Date.now() + 10_000; // the relays drain what the last run left
    for (;;) {
      const { rows } = await pool.query('SELECT count(sent_at) AS sent, count(*) AS total FROM outbox');
      if (rows[0].sent === rows[0].total || Date.now() > deadline) return `${rows[0].sent} / ${rows[0].total}`;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await pool.end();
  }
}

function urlOf(db: TestDatabase): string {
  const { user, password, host, port } = db.settings;
  return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/${db.name}`;
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await waitForExit(child);
}
