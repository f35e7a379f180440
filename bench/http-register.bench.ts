import { ChildProcess } from 'node:child_process';
import { DataSource } from 'typeorm';
import { clientDatabaseOptions } from '@bascule/client/infrastructure';
import { createTestDatabase, spawnTs, tokenFor, waitForExit, waitForOutput } from '@bascule/shared/testing';
import { freePort } from '../apps/client-service/test/client-service.harness';
import { loadRegistrations, progress, Row } from './bench-kit';

/**
 * (1) POST /clients through client-service (its own process, relay on, as deployed) vs a bare Fastify
 * handler running the same SQL transaction (its own process). The load generator runs in this process.
 */
export async function benchHttpRegister(seconds: number, fixedRate: number): Promise<Row[]> {
  const db = await createTestDatabase('bench_http');
  await (await new DataSource(clientDatabaseOptions({ ...process.env, CLIENT_DATABASE: db.name })).initialize()).destroy(); // migrations
  const [servicePort, grpcPort, baselinePort] = [await freePort(), await freePort(), await freePort()];
  const service = spawnTs('apps/client-service/src/main.ts', { CLIENT_DATABASE: db.name, CLIENT_HTTP_PORT: String(servicePort), CLIENT_GRPC_PORT: String(grpcPort), LOG_LEVEL: 'silent' });
  const { user, password, host, port } = db.settings;
  const baseline = spawnTs('bench/baseline/bare-fastify-server.ts', { DATABASE_URL: `postgres://${user}:${password}@${host}:${port}/${db.name}`, PORT: String(baselinePort) });
  try {
    await Promise.all([waitForOutput(service, /client-service ready/), waitForOutput(baseline, /baseline ready/)]);
    const rows: Row[] = [];
    for (const [label, rate, connections] of [[`fixed ${fixedRate} req/s`, fixedRate, 20], ['saturation', undefined, 50]] as const) {
      progress(`POST /clients, ${label}: client-service (${seconds} s)`);
      const ours = await loadRegistrations(`http://127.0.0.1:${servicePort}/clients`, seconds, connections, rate, `Bearer ${await tokenFor()}`);
      progress(`POST /clients, ${label}: bare Fastify + same SQL (${seconds} s)`);
      const base = await loadRegistrations(`http://127.0.0.1:${baselinePort}/clients`, seconds, connections, rate);
      if (ours.errors || base.errors) progress(`errors: client-service ${ours.errors}, baseline ${base.errors}`);
      rows.push(
        { scenario: `POST /clients ${label}`, measure: 'req/s', bascule: ours.rps, baseline: base.rps, higherIsBetter: true },
        { scenario: `POST /clients ${label}`, measure: 'p50 ms', bascule: ours.p50, baseline: base.p50, higherIsBetter: false },
        { scenario: `POST /clients ${label}`, measure: 'p99 ms', bascule: ours.p99, baseline: base.p99, higherIsBetter: false },
      );
    }
    return rows;
  } finally {
    await stop(service);
    await stop(baseline);
    await db.drop();
  }
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await waitForExit(child);
}
