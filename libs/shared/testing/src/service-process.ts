import { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { spawnTs, waitForExit, waitForOutput } from './child-process';
import { createTestDatabase, serviceRole, TestDatabase } from './test-database';
import { freePort } from './test-service';

export interface ServiceProcess {
  /** The running process (a new one after `restart`). */
  child: ChildProcess;
  /** The HTTP base URL. */
  url: string;
  grpcAddress: string;
  db: TestDatabase;
  /** SQL on the service's database over a fresh connection. */
  sql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  /** SIGKILL: no shutdown hook runs, as when a machine dies. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** Starts the service again on the same database and ports (after `kill`); resolves once it printed "ready". */
  restart(): Promise<void>;
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
  const spawnService = () =>
    spawnTs(`apps/${service}/src/main.ts`, {
      LOG_LEVEL: 'warn',
      LEGACY_CDC: 'off',
      [`${prefix}_DATABASE`]: db.name,
      [`${prefix}_HTTP_PORT`]: String(httpPort),
      [`${prefix}_GRPC_PORT`]: String(grpcPort),
      [`${prefix}_METRICS_PORT`]: String(metricsPort),
      ...env,
    });
  const ready = (child: ChildProcess) => waitForOutput(child, new RegExp(`${service} ready`), 180_000);
  const running = { child: spawnService() };
  const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;
  const stop = async () => {
    if (!exited(running.child)) {
      running.child.kill('SIGTERM');
      await waitForExit(running.child);
    }
    await db.drop();
  };
  await ready(running.child).catch(async (error) => {
    await stop();
    throw error;
  });
  return {
    get child() {
      return running.child;
    },
    kill: async () => {
      if (exited(running.child)) return;
      running.child.kill('SIGKILL');
      await waitForExit(running.child);
    },
    restart: async () => {
      running.child = spawnService();
      await ready(running.child);
    },
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
