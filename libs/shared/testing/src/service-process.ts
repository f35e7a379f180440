import { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { spawnTs, waitForExit, waitForOutput } from './child-process';
import { createTestDatabase, serviceRole, TestDatabase } from './test-database';
import { freePort } from './test-service';

export interface ServiceProcess {
  child: ChildProcess;
  /** The HTTP base URL. */
  url: string;
  grpcAddress: string;
  db: TestDatabase;
  /** SQL on the service's database over a fresh connection. */
  sql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

/**
 * A service as `npm start` runs it: its own Node process (`apps/<service>/src/main.ts`) on a fresh database of its
 * role, on free ports, with the legacy capture off unless `env` says otherwise; resolves once it printed "ready".
 */
export async function startServiceProcess(
  service: string,
  prefix: string,
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  const db = await createTestDatabase(`${prefix.toLowerCase()}_process`, serviceRole(prefix));
  const [httpPort, grpcPort, metricsPort] = [await freePort(), await freePort(), await freePort()];
  const child = spawnTs(`apps/${service}/src/main.ts`, {
    LOG_LEVEL: 'warn',
    LEGACY_CDC: 'off',
    [`${prefix}_DATABASE`]: db.name,
    [`${prefix}_HTTP_PORT`]: String(httpPort),
    [`${prefix}_GRPC_PORT`]: String(grpcPort),
    [`${prefix}_METRICS_PORT`]: String(metricsPort),
    ...env,
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await waitForExit(child);
    }
    await db.drop();
  };
  await waitForOutput(child, new RegExp(`${service} ready`), 180_000).catch(async (error) => {
    await stop();
    throw error;
  });
  return {
    child,
    url: `http://127.0.0.1:${httpPort}`,
    grpcAddress: `127.0.0.1:${grpcPort}`,
    db,
    sql: async <T>(text: string, values: unknown[] = []) => {
      const client = new Client(db.settings);
      await client.connect();
      try {
        return (await client.query(text, values)).rows as T[];
      } finally {
        await client.end();
      }
    },
    stop,
  };
}
