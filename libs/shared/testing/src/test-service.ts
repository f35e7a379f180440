import { createServer } from 'node:net';
import { Metadata } from '@grpc/grpc-js';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createTestDatabase, serviceRole, TestDatabase } from './test-database';
import { createTopics, testKafka } from './test-kafka';
import { tokenFor } from './test-tokens';

/**
 * Below Linux's ephemeral range (32768–60999), from which both port 0 and every outgoing connection's source port
 * are taken: a port found free there could be taken, before the child listened on it, by one of the many connections
 * the suites running side by side open (seen once as EADDRINUSE). Here only another suite's pick can collide.
 */
const TEST_PORTS = { from: 20_000, to: 32_000 };

/** A port nothing listens on now, for a child process to listen on. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; ; attempt += 1) {
    const port = TEST_PORTS.from + Math.floor(Math.random() * (TEST_PORTS.to - TEST_PORTS.from));
    if (await canListen(port)) return port;
    if (attempt === 50) throw new Error(`no free port found in ${TEST_PORTS.from}–${TEST_PORTS.to}`);
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export interface TestServiceOptions {
  /** The service's settings prefix (`CLIENT`): its role, and `<PREFIX>_DATABASE` set to the suite's database. */
  prefix: string;
  /** The topics it publishes to, created when missing. */
  topics: string[];
  /** Builds the app without listening (the service's `create…App`). */
  create(config: {
    host: string;
    httpPort: number;
    grpcPort: number;
    metricsPort: number;
    bodyLimitBytes: number;
  }): Promise<NestFastifyApplication>;
  env?: Record<string, string>;
}

export interface RunningService {
  app: NestFastifyApplication;
  grpcAddress: string;
  /** The management port's base URL (`/metrics`). */
  metricsUrl: string;
  db: TestDatabase;
  /** A bearer token holding every role (bascule-demo's service account on the local Keycloak). */
  readonly token: string;
  /** supertest with `authorization: Bearer <token>` on every request; `request(app.getHttpServer())` stays anonymous. */
  http(): ReturnType<typeof request.agent>;
  /** gRPC metadata carrying the same bearer token. */
  metadata(): Metadata;
  close(): Promise<void>;
}

/** The real service (HTTP + gRPC + relay) on a fresh database of its own role, the real broker and Keycloak. */
export async function startTestService({
  prefix,
  topics,
  create,
  env = {},
}: TestServiceOptions): Promise<RunningService> {
  process.env.LOG_LEVEL ??= 'silent';
  Object.assign(process.env, env);
  const db = await createTestDatabase(prefix.toLowerCase(), serviceRole(prefix));
  process.env[`${prefix}_DATABASE`] = db.name;
  await createTopics(testKafka(), topics, 6);
  const [grpcPort, metricsPort] = [await freePort(), await freePort()];
  const app = await create({ host: '127.0.0.1', httpPort: 0, grpcPort, metricsPort, bodyLimitBytes: 64 * 1024 });
  await app.startAllMicroservices();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  let token = await tokenFor();
  // Tokens live 5 minutes: long suites keep a fresh one (tokenFor renews 30 s before expiry).
  const refresh = setInterval(
    () =>
      void tokenFor().then(
        (fresh) => (token = fresh),
        () => undefined,
      ),
    60_000,
  ).unref();
  return {
    app,
    grpcAddress: `127.0.0.1:${grpcPort}`,
    metricsUrl: `http://127.0.0.1:${metricsPort}`,
    db,
    get token() {
      return token;
    },
    http: () => request.agent(app.getHttpServer()).set('authorization', `Bearer ${token}`),
    metadata: () => {
      const metadata = new Metadata();
      metadata.set('authorization', `Bearer ${token}`);
      return metadata;
    },
    close: async () => {
      clearInterval(refresh);
      await app.close();
      await db.drop();
    },
  };
}
