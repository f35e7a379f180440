import { credentials, loadPackageDefinition, Metadata, ServiceError, status } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import request from 'supertest';
import { INVENTORY_EVENTS_TOPIC, INVENTORY_PROTO_PATH } from '@bascule/inventory/contracts';
import { PROTO_LOADER_OPTIONS } from '@bascule/shared/contracts';
import { readUntil, RunningService, startTestService, testKafka, topicEnd } from '@bascule/shared/testing';
import { createInventoryApp } from '../src/inventory-service';

type Call = (
  request: object,
  metadata: Metadata,
  callback: (error: ServiceError | null, response: any) => void,
) => void;

describe('inventory-service over REST, gRPC and Kafka', () => {
  let service: RunningService;
  let grpc: Record<string, Call> & { close(): void };
  let eventsBefore: Record<number, string>;
  const body = {
    sku: 'First sku',
    label: 'First label',
    unitPrice: { amount: 1250, currency: 'EUR' },
    onHand: 42,
    reserved: 42,
  };
  const call = (method: string, body: object, metadata = service.metadata()) =>
    new Promise<any>((resolve, reject) =>
      grpc[method].call(grpc, body, metadata, (error, response) => (error ? reject(error) : resolve(response))),
    );

  beforeAll(async () => {
    service = await startTestService({
      prefix: 'INVENTORY',
      topics: [INVENTORY_EVENTS_TOPIC, `${INVENTORY_EVENTS_TOPIC}.dlq`],
      create: createInventoryApp,
    });
    eventsBefore = await topicEnd(testKafka(), INVENTORY_EVENTS_TOPIC);
    const proto = loadPackageDefinition(loadSync(INVENTORY_PROTO_PATH, PROTO_LOADER_OPTIONS)) as any;
    grpc = new proto.bascule.inventory.v1.StockItemService(service.grpcAddress, credentials.createInsecure());
  });
  afterAll(async () => {
    grpc?.close();
    await service?.close();
  });

  it('creates over REST (201, Location, ETag), reads it back and lists it, and publishes StockItemCreatedV1', async () => {
    const created = await service.http().post('/stock-items').send(body).expect(201);
    const { id } = created.body;
    expect(created.headers.location).toBe(`/stock-items/${id}`);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({ id, version: 1, ...body });
    expect((await service.http().get(`/stock-items/${id}`).expect(200)).body).toEqual(created.body);
    const page = await service.http().get('/stock-items?limit=100').expect(200);
    expect(page.body.items.map((item: { id: string }) => item.id)).toContain(id);

    const events = await readUntil(
      testKafka(),
      INVENTORY_EVENTS_TOPIC,
      (m) => m.some((x) => x.key === id),
      30_000,
      eventsBefore,
    );
    const event = events.find((m) => m.key === id)!;
    expect(event.headers).toMatchObject({ event_type: 'inventory.stock-item-created', event_version: '1' });
    expect(JSON.parse(event.value!).payload).toEqual({ stockItemId: id, ...body });
  });

  it('creates and reads over gRPC', async () => {
    const ref = await call('CreateStockItem', body);
    expect(ref.version).toBe(1);
    expect(await call('GetStockItem', { id: ref.id })).toMatchObject({ id: ref.id, version: 1 });
  });

  it('refuses bad input with the field named, and callers without a token', async () => {
    const bad = await service
      .http()
      .post('/stock-items')
      .send({ ...body, unexpected: 1 })
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body.errors).toEqual([expect.objectContaining({ pointer: '#/unexpected' })]);
    await request(service.app.getHttpServer()).post('/stock-items').send(body).expect(401);
    await expect(call('GetStockItem', { id: 'nope' })).rejects.toMatchObject({ code: status.INVALID_ARGUMENT });
    await expect(call('GetStockItem', { id: '7e9c1d2a-4b3f-4a5e-8c6d-0f1e2d3c4b5a' })).rejects.toMatchObject({
      code: status.NOT_FOUND,
    });
    await expect(call('CreateStockItem', body, new Metadata())).rejects.toMatchObject({
      code: status.UNAUTHENTICATED,
    });
  });
});
