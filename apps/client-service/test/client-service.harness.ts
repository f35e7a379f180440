import { createServer } from 'node:net';
import { Metadata } from '@grpc/grpc-js';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { CLIENT_EVENTS_TOPIC } from '@bascule/client/contracts';
import { createTestDatabase, createTopics, TestDatabase, testKafka } from '@bascule/shared/testing';
import { createClientApp } from '../src/create-client-app';

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
  /** supertest for this service: the one place where every request gets what it needs (a bearer token, once the auth guard exists). */
  http(): ReturnType<typeof request.agent>;
  /** gRPC metadata for a call: the one place for what every call carries. */
  metadata(): Metadata;
  close(): Promise<void>;
}

/** The real client-service (HTTP + gRPC + relay) on a fresh database and the real broker. */
export async function startClientService(env: Record<string, string> = {}): Promise<RunningClientService> {
  process.env.LOG_LEVEL ??= 'silent';
  Object.assign(process.env, { LEGACY_CDC: 'off', ...env });
  const db = await createTestDatabase('client_service');
  process.env.CLIENT_DATABASE = db.name;
  await createTopics(testKafka(), [CLIENT_EVENTS_TOPIC, `${CLIENT_EVENTS_TOPIC}.dlq`], 6);
  const grpcPort = await freePort();
  const app = await createClientApp({ host: '127.0.0.1', httpPort: 0, grpcPort, bodyLimitBytes: 64 * 1024 });
  await app.startAllMicroservices();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    grpcAddress: `127.0.0.1:${grpcPort}`,
    db,
    http: () => request.agent(app.getHttpServer()),
    metadata: () => new Metadata(),
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
