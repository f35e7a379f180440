import { ChildProcess } from 'node:child_process';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { databaseOptions } from '@bascule/shared/persistence';
import {
  createTestDatabase,
  createTopics,
  deleteTopics,
  freePort,
  serviceRole,
  spawnTs,
  TestDatabase,
  testKafka,
  uniqueTopic,
  waitForExit,
  waitForOutput,
} from '@bascule/shared/testing';
import { benchToken } from './bench-auth';
import { LoadResult, loadPosts, progress, Row } from './bench-kit';
import { HttpWriteContext, Surroundings } from './http-contexts';

/**
 * A context's main write path (`context.path`) through its service (its own process and database, relay on, as
 * deployed) vs a bare Fastify handler doing the same work (bearer JWT when configured, schema validation, the same
 * SQL transaction, the read-back, the same outbox relay) in its own process and database. The load generator
 * runs in this process. Rates are what was measured (2xx answers/s), not what was asked; every other
 * answer is an error, and the errors are a row of their own.
 */
export async function benchHttpWrite(context: HttpWriteContext, seconds: number, fixedRates: number[]): Promise<Row[]> {
  const around: Surroundings = (await context.around?.()) ?? { env: {}, stop: async () => undefined };
  try {
    return await benchSides(context, around.env, seconds, fixedRates);
  } finally {
    await around.stop();
  }
}

async function benchSides(
  context: HttpWriteContext,
  env: Record<string, string>,
  seconds: number,
  fixedRates: number[],
): Promise<Row[]> {
  const { prefix, path, service: serviceName } = context;
  const name = `bench_${context.baselineRoute.replace(/-/g, '_')}`;
  const [serviceDb, baselineDb] = [
    await createTestDatabase(`${name}_service`, serviceRole(prefix)),
    await createTestDatabase(`${name}_baseline`, serviceRole(prefix)),
  ];
  for (const db of [serviceDb, baselineDb])
    await (
      await new DataSource(
        databaseOptions(context.database, { ...process.env, [`${prefix}_DATABASE`]: db.name }),
      ).initialize()
    ).destroy(); // migrations
  if (context.seed) {
    progress(`seeding what POST ${path} reads into both databases`);
    for (const db of [serviceDb, baselineDb]) await context.seed(db, { seconds, rates: fixedRates });
  }
  const [servicePort, grpcPort, baselinePort, metricsPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const poolSize = process.env.DB_POOL_SIZE ?? '20';
  const service = spawnTs(context.entry, {
    ...env,
    [`${prefix}_DATABASE`]: serviceDb.name,
    [`${prefix}_HTTP_PORT`]: String(servicePort),
    [`${prefix}_GRPC_PORT`]: String(grpcPort),
    [`${prefix}_METRICS_PORT`]: String(metricsPort),
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    DB_POOL_SIZE: poolSize,
    // One token drives the whole load: the per-caller limit (ADR 0034) would measure the limiter, not the service.
    RATE_LIMIT_REQUESTS: '0',
    // The write path only, as the baseline: no consumer joins the context's group on the shared broker (it would
    // take partitions from the context's other instances and consume their events into the bench's database).
    EVENT_CONSUMERS: 'off',
  });
  const kafka = testKafka('bench-http');
  const baselineTopic = uniqueTopic(`bench.http.baseline.${context.baselineRoute}`);
  await createTopics(kafka, [baselineTopic], 6); // as the contexts' event topics
  const baseline = spawnTs('bench/baseline/bare-fastify-server.ts', {
    ...env,
    BASELINE_ROUTE: context.baselineRoute,
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
    // A service compiles its code as it starts: on a loaded machine that takes more than a minute.
    const startMs = Number(process.env.BENCH_START_TIMEOUT_MS ?? 180_000);
    await Promise.all([
      waitForOutput(service, new RegExp(`${serviceName} ready`), startMs),
      waitForOutput(baseline, /baseline ready/, startMs),
    ]);
    const [serviceAuth, baselineAuth] = [
      await asksWhoIsCalling(context, servicePort),
      await asksWhoIsCalling(context, baselinePort),
    ];
    progress(
      `without a token: ${serviceName} ${serviceAuth ? 'refuses (verifies bearer JWTs)' : 'accepts (no bearer JWT verified)'}, baseline ${baselineAuth ? 'refuses (verifies bearer JWTs)' : 'accepts (no bearer JWT verified)'}`,
    );
    if (serviceAuth && !(await benchToken()))
      throw new Error(
        `${serviceName} asks for a bearer token: set BENCH_TOKEN, or AUTH_ISSUER to fetch one with client credentials`,
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
      service: { name: serviceName, port: servicePort },
      baseline: { name: 'bare Fastify doing the same work', port: baselinePort },
    };
    for (const side of Object.values(sides)) await firstAnswer(context, side, await benchToken());
    progress('warm-up: 2 s at 100 req/s on each side (not measured)');
    for (const side of Object.values(sides))
      await loadPosts(`http://127.0.0.1:${side.port}${path}`, context.body, 2, 10, 100, await benchToken());
    for (const [index, { label, rate, connections }] of runs.entries()) {
      const token = await benchToken(); // fetched per run: a run never outlives its token
      // Which side goes first alternates, so that neither always gets the quieter or the warmer moment.
      const order = index % 2 === 0 ? [sides.service, sides.baseline] : [sides.baseline, sides.service];
      const results = new Map<number, LoadResult>();
      for (const side of order) {
        progress(`POST ${path} ${label}: ${side.name} (${seconds} s, ${connections} connections)`);
        results.set(
          side.port,
          await loadPosts(`http://127.0.0.1:${side.port}${path}`, context.body, seconds, connections, rate, token),
        );
      }
      const [ours, base] = [results.get(servicePort) as LoadResult, results.get(baselinePort) as LoadResult];
      progress(`${serviceName}: ${summary(ours)}`);
      progress(`baseline: ${summary(base)}`);
      if (failures(ours) > ours.rps * seconds || failures(base) > base.rps * seconds)
        progress('WARNING: most answers were errors; these figures compare failures, not work');
      const scenario = `POST ${path} ${label}`;
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
    progress(`outbox rows published / written: ${serviceName} ${ourOutbox}, baseline ${baseOutbox}`);
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

/** One request without `authorization`: a 401 means the side verifies bearer tokens. */
async function asksWhoIsCalling(context: HttpWriteContext, port: number): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${port}${context.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(context.body()),
  });
  return response.status === 401;
}

/** One request with the run's token: a side that refuses the path says why before the runs count its errors. */
async function firstAnswer(
  context: HttpWriteContext,
  side: { name: string; port: number },
  token: string | undefined,
): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${side.port}${context.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(context.body()),
  });
  const answer = await response.text();
  if (response.ok) progress(`${side.name}: first request answered ${response.status}`);
  else progress(`WARNING: ${side.name} answered the first request ${response.status}: ${answer.slice(0, 300)}`);
}

async function outboxState(db: TestDatabase): Promise<string> {
  const pool = new Pool({ ...db.settings, max: 1 });
  try {
    const deadline = Date.now() + 10_000; // the relays drain what the last run left
    for (;;) {
      // A published row moves from outbox to outbox_sent (ADR 0004).
      const { rows } = await pool.query(
        'SELECT (SELECT count(*) FROM outbox_sent) AS sent, (SELECT count(*) FROM outbox) AS waiting',
      );
      const [sent, waiting] = [Number(rows[0].sent), Number(rows[0].waiting)];
      if (waiting === 0 || Date.now() > deadline) return `${sent} / ${sent + waiting}`;
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
