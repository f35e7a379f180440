import { credentials, loadPackageDefinition, Metadata, ServiceError, status } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import request from 'supertest';
import { PAYMENT_EVENTS_TOPIC, PAYMENT_PROTO_PATH } from '@bascule/payment/contracts';
import { PROTO_LOADER_OPTIONS } from '@bascule/shared/contracts';
import { readUntil, RunningService, startTestService, testKafka, topicEnd } from '@bascule/shared/testing';
import { createPaymentApp } from '../src/payment-service';

type Call = (
  request: object,
  metadata: Metadata,
  callback: (error: ServiceError | null, response: any) => void,
) => void;

describe('payment-service over REST, gRPC and Kafka', () => {
  let service: RunningService;
  let grpc: Record<string, Call> & { close(): void };
  let eventsBefore: Record<number, string>;
  const body = {
    orderId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
    authorizedAmount: { amount: 1250, currency: 'EUR' },
    status: 'AUTHORIZED',
    declineReason: 'First declineReason',
    cardLast4: 'First cardLast4',
    cardType: 'First cardType',
    capturedAmount: { amount: 1250, currency: 'EUR' },
    refundedAmount: { amount: 1250, currency: 'EUR' },
    providerReference: 'First providerReference',
  };
  const call = (method: string, body: object, metadata = service.metadata()) =>
    new Promise<any>((resolve, reject) =>
      grpc[method].call(grpc, body, metadata, (error, response) => (error ? reject(error) : resolve(response))),
    );

  beforeAll(async () => {
    service = await startTestService({
      prefix: 'PAYMENT',
      topics: [PAYMENT_EVENTS_TOPIC, `${PAYMENT_EVENTS_TOPIC}.dlq`],
      create: createPaymentApp,
    });
    eventsBefore = await topicEnd(testKafka(), PAYMENT_EVENTS_TOPIC);
    const proto = loadPackageDefinition(loadSync(PAYMENT_PROTO_PATH, PROTO_LOADER_OPTIONS)) as any;
    grpc = new proto.bascule.payment.v1.PaymentService(service.grpcAddress, credentials.createInsecure());
  });
  afterAll(async () => {
    grpc?.close();
    await service?.close();
  });

  it('creates over REST (201, Location, ETag), reads it back and lists it, and publishes PaymentCreatedV1', async () => {
    const created = await service.http().post('/payments').send(body).expect(201);
    const { id } = created.body;
    expect(created.headers.location).toBe(`/payments/${id}`);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({ id, version: 1, ...body });
    expect((await service.http().get(`/payments/${id}`).expect(200)).body).toEqual(created.body);
    const page = await service.http().get('/payments?limit=100').expect(200);
    expect(page.body.items.map((item: { id: string }) => item.id)).toContain(id);

    const events = await readUntil(
      testKafka(),
      PAYMENT_EVENTS_TOPIC,
      (m) => m.some((x) => x.key === id),
      30_000,
      eventsBefore,
    );
    const event = events.find((m) => m.key === id)!;
    expect(event.headers).toMatchObject({ event_type: 'payment.payment-created', event_version: '1' });
    expect(JSON.parse(event.value!).payload).toEqual({ paymentId: id, ...body });
  });

  it('creates and reads over gRPC', async () => {
    const ref = await call('CreatePayment', body);
    expect(ref.version).toBe(1);
    expect(await call('GetPayment', { id: ref.id })).toMatchObject({ id: ref.id, version: 1 });
  });

  it('refuses bad input with the field named, and callers without a token', async () => {
    const bad = await service
      .http()
      .post('/payments')
      .send({ ...body, unexpected: 1 })
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body.errors).toEqual([expect.objectContaining({ pointer: '#/unexpected' })]);
    await request(service.app.getHttpServer()).post('/payments').send(body).expect(401);
    await expect(call('GetPayment', { id: 'nope' })).rejects.toMatchObject({ code: status.INVALID_ARGUMENT });
    await expect(call('GetPayment', { id: '7e9c1d2a-4b3f-4a5e-8c6d-0f1e2d3c4b5a' })).rejects.toMatchObject({
      code: status.NOT_FOUND,
    });
    await expect(call('CreatePayment', body, new Metadata())).rejects.toMatchObject({
      code: status.UNAUTHENTICATED,
    });
  });
});
