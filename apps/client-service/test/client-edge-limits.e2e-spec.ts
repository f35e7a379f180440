import { connect, Socket } from 'node:net';
import { credentials, loadPackageDefinition, Metadata, ServiceError, status } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { CLIENT_PROTO_PATH } from '@bascule/client/contracts';
import { tokenFor } from '@bascule/shared/testing';
import request from 'supertest';
import { RunningClientService, startClientService } from './client-service.harness';

const LIMIT = 5;

describe('client-service bounds what one caller or one connection may take (ADR 0034)', () => {
  let service: RunningClientService;
  let port: number;

  beforeAll(async () => {
    service = await startClientService({
      RATE_LIMIT_REQUESTS: String(LIMIT),
      // Far longer than the test: the burst is refused whatever the machine's speed.
      RATE_LIMIT_WINDOW_MS: '600000',
      HTTP_HEADERS_TIMEOUT_MS: '1000',
      HTTP_REQUEST_TIMEOUT_MS: '2000',
    });
    await service.app.listen(0, '127.0.0.1');
    port = (service.app.getHttpServer().address() as { port: number }).port;
  });
  afterAll(() => service?.close());

  it('answers a caller over RATE_LIMIT_REQUESTS with 429 problem+json and Retry-After, on HTTP and gRPC; another caller and anonymous calls are not counted with it', async () => {
    for (let i = 0; i < LIMIT; i++) await service.http().get('/clients').expect(200);

    const refused = await service.http().get('/clients');
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({
      status: 429,
      code: 'REQUEST.RATE_LIMITED',
      correlationId: expect.any(String),
    });

    // The same address, another verified caller: its own count (so the tracker is the token, read after auth).
    const reader = await tokenFor('reader');
    await request(service.app.getHttpServer()).get('/clients').set('authorization', `Bearer ${reader}`).expect(200);
    // No token: refused by the auth guard, which runs first.
    await request(service.app.getHttpServer()).get('/clients').expect(401);

    const proto = loadPackageDefinition(loadSync(CLIENT_PROTO_PATH, { keepCase: false, defaults: true })) as any;
    const client = new proto.bascule.client.v1.ClientService(service.grpcAddress, credentials.createInsecure());
    const answer = await new Promise<ServiceError | null>((resolve) =>
      client.ListClients({ limit: 1 }, service.metadata(), (error: ServiceError | null) => resolve(error)),
    );
    client.close();
    expect(answer?.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(answer?.details).toMatch(/^REQUEST\.RATE_LIMITED/);
    expect(Number((answer?.metadata as Metadata).get('retry-after')[0])).toBeGreaterThan(0);
  });

  it('closes a connection whose headers trickle in past HTTP_HEADERS_TIMEOUT_MS (slow loris)', async () => {
    const socket: Socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    socket.write('GET /health/live HTTP/1.1\r\nHost: localhost\r\n');
    // One header line every 200 ms, never the blank line that ends them: each line resets an idle timer, not this one.
    let lines = 0;
    const trickle = setInterval(() => {
      if (socket.destroyed || lines >= 150) return clearInterval(trickle);
      socket.write(`X-Slow-${lines++}: 1\r\n`);
    }, 200);
    await closed;
    clearInterval(trickle);
    // Node's default (60 s of headers, checked every 30 s) would have let all 150 lines (30 s) in.
    expect(lines).toBeLessThan(150);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  }, 60_000);
});
