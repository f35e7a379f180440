import { credentials, loadPackageDefinition, Metadata, ServiceError, status } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import request from 'supertest';
import { BILLING_EVENTS_TOPIC, BILLING_PROTO_PATH } from '@bascule/billing/contracts';
import { PROTO_LOADER_OPTIONS } from '@bascule/shared/contracts';
import { readUntil, RunningService, startTestService, testKafka, topicEnd } from '@bascule/shared/testing';
import { createBillingApp } from '../src/billing-service';

type Call = (
  request: object,
  metadata: Metadata,
  callback: (error: ServiceError | null, response: any) => void,
) => void;

describe('billing-service over REST, gRPC and Kafka', () => {
  let service: RunningService;
  let grpc: Record<string, Call> & { close(): void };
  let eventsBefore: Record<number, string>;
  const body = {
    orderId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
    number: 'First number',
    issuedOn: '2026-03-01',
    totalExclVat: { amount: 1250, currency: 'EUR' },
    totalVat: { amount: 1250, currency: 'EUR' },
    totalInclVat: { amount: 1250, currency: 'EUR' },
    creditedInclVat: { amount: 1250, currency: 'EUR' },
    status: 'ISSUED',
  };
  const call = (method: string, body: object, metadata = service.metadata()) =>
    new Promise<any>((resolve, reject) =>
      grpc[method].call(grpc, body, metadata, (error, response) => (error ? reject(error) : resolve(response))),
    );

  beforeAll(async () => {
    service = await startTestService({
      prefix: 'BILLING',
      topics: [BILLING_EVENTS_TOPIC, `${BILLING_EVENTS_TOPIC}.dlq`],
      create: createBillingApp,
    });
    eventsBefore = await topicEnd(testKafka(), BILLING_EVENTS_TOPIC);
    const proto = loadPackageDefinition(loadSync(BILLING_PROTO_PATH, PROTO_LOADER_OPTIONS)) as any;
    grpc = new proto.bascule.billing.v1.InvoiceService(service.grpcAddress, credentials.createInsecure());
  });
  afterAll(async () => {
    grpc?.close();
    await service?.close();
  });

  it('creates over REST (201, Location, ETag), reads it back and lists it, and publishes InvoiceCreatedV1', async () => {
    const created = await service.http().post('/invoices').send(body).expect(201);
    const { id } = created.body;
    expect(created.headers.location).toBe(`/invoices/${id}`);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({ id, version: 1, ...body });
    expect((await service.http().get(`/invoices/${id}`).expect(200)).body).toEqual(created.body);
    const page = await service.http().get('/invoices?limit=100').expect(200);
    expect(page.body.items.map((item: { id: string }) => item.id)).toContain(id);

    const events = await readUntil(
      testKafka(),
      BILLING_EVENTS_TOPIC,
      (m) => m.some((x) => x.key === id),
      30_000,
      eventsBefore,
    );
    const event = events.find((m) => m.key === id)!;
    expect(event.headers).toMatchObject({ event_type: 'billing.invoice-created', event_version: '1' });
    expect(JSON.parse(event.value!).payload).toEqual({ invoiceId: id, ...body });
  });

  it('creates and reads over gRPC', async () => {
    const ref = await call('CreateInvoice', body);
    expect(ref.version).toBe(1);
    expect(await call('GetInvoice', { id: ref.id })).toMatchObject({ id: ref.id, version: 1 });
  });

  it('refuses bad input with the field named, and callers without a token', async () => {
    const bad = await service
      .http()
      .post('/invoices')
      .send({ ...body, unexpected: 1 })
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body.errors).toEqual([expect.objectContaining({ pointer: '#/unexpected' })]);
    await request(service.app.getHttpServer()).post('/invoices').send(body).expect(401);
    await expect(call('GetInvoice', { id: 'nope' })).rejects.toMatchObject({ code: status.INVALID_ARGUMENT });
    await expect(call('GetInvoice', { id: '7e9c1d2a-4b3f-4a5e-8c6d-0f1e2d3c4b5a' })).rejects.toMatchObject({
      code: status.NOT_FOUND,
    });
    await expect(call('CreateInvoice', body, new Metadata())).rejects.toMatchObject({
      code: status.UNAUTHENTICATED,
    });
  });
});
