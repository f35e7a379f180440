import { createServer } from 'node:net';
import { Metadata } from '@grpc/grpc-js';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { CLIENT_EVENTS_TOPIC } from '@bascule/client/contracts';
import {
  createTestDatabase,
  createTopics,
  serviceRole,
  TestDatabase,
  testKafka,
  tokenFor,
} from '@bascule/shared/testing';
import { createClientApp } from '../src/client-service';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface RunningClientService {
  app: NestFastifyApplication;
  grpcAddress: string;
  db: TestDatabase;
  /** A bearer token holding every role (bascule-demo's service account on the local Keycloak). */
  token: string;
  /** supertest with `authorization: Bearer <token>` on every request; `request(app.getHttpServer())` stays anonymous. */
  http(): ReturnType<typeof request.agent>;
  /** gRPC metadata carrying the same bearer token. */
  metadata(): Metadata;
  close(): Promise<void>;
}

/** The real client-service (HTTP + gRPC + relay) on a fresh database and the real broker. */
export async function startClientService(env: Record<string, string> = {}): Promise<RunningClientService> {
  process.env.LOG_LEVEL ??= 'silent';
  Object.assign(process.env, { LEGACY_CDC: 'off', ...env });
  const db = await createTestDatabase('client_service', serviceRole('CLIENT'));
  process.env.CLIENT_DATABASE = db.name;
  await createTopics(testKafka(), [CLIENT_EVENTS_TOPIC, `${CLIENT_EVENTS_TOPIC}.dlq`], 6);
  const grpcPort = await freePort();
  const app = await createClientApp({ host: '127.0.0.1', httpPort: 0, grpcPort, bodyLimitBytes: 64 * 1024 });
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
