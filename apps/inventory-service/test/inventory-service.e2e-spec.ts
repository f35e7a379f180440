import { randomUUID } from 'node:crypto';
import { credentials, loadPackageDefinition, Metadata, ServiceError, status } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import request from 'supertest';
import { INVENTORY_EVENTS_TOPIC, INVENTORY_PROTO_PATH } from '@bascule/inventory/contracts';
import { StockItemId } from '@bascule/inventory/domain';
import { PROTO_LOADER_OPTIONS } from '@bascule/shared/contracts';
import { readUntil, testKafka, tokenFor, topicEnd } from '@bascule/shared/testing';
import { aSku, aStockItem, RunningInventory, startInventoryService } from './inventory-fixtures';

type Call = (
  request: object,
  metadata: Metadata,
  callback: (error: ServiceError | null, response: any) => void,
) => void;

describe('inventory-service over REST, gRPC and Kafka, with Keycloak tokens', () => {
  let service: RunningInventory;
  let items: Record<string, Call> & { close(): void };
  let reservations: Record<string, Call> & { close(): void };
  let eventsBefore: Record<number, string>;
  const call = (client: Record<string, Call>, method: string, body: object, metadata = service.metadata()) =>
    new Promise<any>((resolve, reject) =>
      client[method].call(client, body, metadata, (error, response) => (error ? reject(error) : resolve(response))),
    );
  const eventsOf = async (key: string, type: string, count = 1) => {
    const messages = await readUntil(
      testKafka(),
      INVENTORY_EVENTS_TOPIC,
      (m) => m.filter((x) => x.key === key && x.headers.event_type === type).length >= count,
      30_000,
      eventsBefore,
    );
    return messages
      .filter((m) => m.key === key && m.headers.event_type === type)
      .map((m) => JSON.parse(m.value!).payload as Record<string, unknown>);
  };
  const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

  beforeAll(async () => {
    service = await startInventoryService();
    eventsBefore = await topicEnd(testKafka(), INVENTORY_EVENTS_TOPIC);
    const proto = loadPackageDefinition(loadSync(INVENTORY_PROTO_PATH, PROTO_LOADER_OPTIONS)) as any;
    const v1 = proto.bascule.inventory.v1;
    items = new v1.StockItemService(service.grpcAddress, credentials.createInsecure());
    reservations = new v1.StockReservationService(service.grpcAddress, credentials.createInsecure());
  });
  afterAll(async () => {
    items?.close();
    reservations?.close();
    await service?.close();
    await service?.revoke();
  });

  it('creates a stock item by its sku (201, Location, ETag), reads and lists it, and publishes what a catalogue keeps', async () => {
    const body = aStockItem();
    const created = await service.http().post('/stock-items').send(body).expect(201);
    const id = StockItemId.forSku(body.sku).value;
    expect(created.headers.location).toBe(`/stock-items/${body.sku}`);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({ id, version: 1, ...body, vatRate: 2000, reserved: 0, available: 10 });
    expect((await service.http().get(`/stock-items/${body.sku}`).expect(200)).body).toEqual(created.body);
    const [event] = await eventsOf(id, 'inventory.stock-item-created');
    expect(event).toEqual({ stockItemId: id, ...body, vatRate: 2000, reserved: 0 });

    const priced = await service
      .http()
      .post(`/stock-items/${body.sku}/change-stock-item-price`)
      .set(ifMatch(1))
      .send({ unitPrice: { amount: 2590, currency: 'EUR' } })
      .expect(200);
    expect(priced.headers.etag).toBe('"2"');
    const [changed] = await eventsOf(id, 'inventory.stock-item-price-changed');
    expect(changed).toEqual({
      stockItemId: id,
      sku: body.sku,
      label: body.label,
      unitPrice: { amount: 2590, currency: 'EUR' },
    });
  });

  it('taxes a sku at the French VAT rate it is given, changed with If-Match by inventory:write only; events carry it', async () => {
    const body = aStockItem({ vatRate: 550 });
    const id = StockItemId.forSku(body.sku).value;
    const created = await service.http().post('/stock-items').send(body).expect(201);
    expect(created.body).toMatchObject({ sku: body.sku, vatRate: 550 });
    expect((await eventsOf(id, 'inventory.stock-item-created'))[0]).toMatchObject({ sku: body.sku, vatRate: 550 });
    const path = `/stock-items/${body.sku}/change-stock-item-vat-rate`;
    await service.http().post(path).send({ vatRate: 210 }).expect(428);
    const reader = await tokenFor('reader');
    await request(service.app.getHttpServer())
      .post(path)
      .set('authorization', `Bearer ${reader}`)
      .set(ifMatch(1))
      .send({ vatRate: 210 })
      .expect(403);
    const changed = await service.http().post(path).set(ifMatch(1)).send({ vatRate: 210 }).expect(200);
    expect(changed.headers.etag).toBe('"2"');
    expect(changed.body).toMatchObject({ version: 2, vatRate: 210 });
    expect((await service.http().post(path).set(ifMatch(1)).send({ vatRate: 1000 })).status).toBe(412);
    expect(await call(items, 'ChangeStockItemVatRate', { sku: body.sku, expectedVersion: 2, vatRate: 1000 })).toEqual({
      id,
      version: 3,
    });
    await expect(
      call(items, 'ChangeStockItemVatRate', { sku: body.sku, expectedVersion: 3, vatRate: 1900 }),
    ).rejects.toMatchObject({ code: status.INVALID_ARGUMENT });
    await expect(
      call(items, 'ChangeStockItemVatRate', { sku: body.sku, expectedVersion: 3, vatRate: 550 }, new Metadata()),
    ).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
    expect(await call(items, 'GetStockItem', { sku: body.sku })).toMatchObject({ version: 3, vatRate: 1000 });
    expect(await eventsOf(id, 'inventory.stock-item-vat-rate-changed', 2)).toEqual([
      { stockItemId: id, sku: body.sku, vatRate: 210 },
      { stockItemId: id, sku: body.sku, vatRate: 1000 },
    ]);
    const viaGrpc = aStockItem({ vatRate: 210 });
    await call(items, 'CreateStockItem', viaGrpc);
    expect(await call(items, 'GetStockItem', { sku: viaGrpc.sku })).toMatchObject({ vatRate: 210 });
    const unstated = aStockItem();
    await call(items, 'CreateStockItem', unstated);
    expect(await call(items, 'GetStockItem', { sku: unstated.sku })).toMatchObject({ vatRate: 2000 });
  });

  it('pages the list with a cursor, each item once', async () => {
    const skus = [aSku('PAGE'), aSku('PAGE'), aSku('PAGE')];
    for (const sku of skus) await service.http().post('/stock-items').send(aStockItem({ sku })).expect(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = (
        await service
          .http()
          .get(`/stock-items?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200)
      ).body;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item: { sku: string }) => item.sku));
      cursor = page.nextCursor;
    } while (cursor);
    for (const sku of skus) expect(seen.filter((s) => s === sku)).toHaveLength(1);
  });

  it('honours Idempotency-Key on creation, and refuses a second item of one sku (409 STOCK_ITEM.SKU_TAKEN)', async () => {
    const body = aStockItem();
    const key = randomUUID();
    const first = await service.http().post('/stock-items').set('idempotency-key', key).send(body).expect(201);
    const replay = await service.http().post('/stock-items').set('idempotency-key', key).send(body).expect(201);
    expect(replay.body).toEqual(first.body);
    const taken = await service.http().post('/stock-items').send(body).expect(409);
    expect(taken.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(taken.body.code).toBe('STOCK_ITEM.SKU_TAKEN');
  });

  it('restocks and adjusts with If-Match (428 without, 412 stale), never below what is reserved', async () => {
    const body = aStockItem({ onHand: 5 });
    await service.http().post('/stock-items').send(body).expect(201);
    const path = `/stock-items/${body.sku}`;
    await service.http().post(`${path}/restock`).send({ quantity: 3 }).expect(428);
    const restocked = await service.http().post(`${path}/restock`).set(ifMatch(1)).send({ quantity: 3 }).expect(200);
    expect(restocked.body).toMatchObject({ version: 2, onHand: 8, available: 8 });
    expect((await service.http().post(`${path}/restock`).set(ifMatch(1)).send({ quantity: 3 })).status).toBe(412);
    await service
      .http()
      .post('/stock-reservations')
      .send({ orderId: randomUUID(), lines: [{ sku: body.sku, quantity: 6 }] })
      .expect(201);
    const below = await service.http().post(`${path}/adjust`).set(ifMatch(3)).send({ delta: -3, reason: 'count' });
    expect(below.status).toBe(409);
    expect(below.body).toMatchObject({ code: 'STOCK_ITEM.INSUFFICIENT_STOCK' });
    const adjusted = await service.http().post(`${path}/adjust`).set(ifMatch(3)).send({ delta: -2, reason: 'count' });
    expect(adjusted.status).toBe(200);
    expect(adjusted.body).toMatchObject({ onHand: 6, reserved: 6, available: 0 });
  });

  it('reserves an order all or none, once; a shortage is an event with the lines short; release and commit', async () => {
    const [a, b] = [aStockItem({ onHand: 4 }), aStockItem({ onHand: 1 })];
    for (const item of [a, b]) await service.http().post('/stock-items').send(item).expect(201);
    const short = randomUUID();
    const lines = [
      { sku: a.sku, quantity: 2 },
      { sku: b.sku, quantity: 2 },
    ];
    const rejected = await service.http().post('/stock-reservations').send({ orderId: short, lines }).expect(201);
    expect(rejected.body).toMatchObject({ id: short, status: 'REJECTED' });
    const [refusal] = await eventsOf(short, 'inventory.stock-reservation-rejected');
    expect(refusal).toEqual({
      stockReservationId: short,
      reason: 'INSUFFICIENT_STOCK',
      lines,
      shortLines: [{ sku: b.sku, requested: 2, available: 1 }],
    });
    expect((await service.http().get(`/stock-items/${a.sku}`)).body).toMatchObject({ reserved: 0 });

    const orderId = randomUUID();
    const order = { orderId, lines: [{ sku: a.sku, quantity: 3 }] };
    const reserved = await service.http().post('/stock-reservations').send(order).expect(201);
    expect(reserved.body).toMatchObject({ id: orderId, version: 1, status: 'RESERVED' });
    expect((await service.http().post('/stock-reservations').send(order).expect(201)).body).toEqual(reserved.body);
    expect((await service.http().get(`/stock-items/${a.sku}`)).body).toMatchObject({ reserved: 3, available: 1 });

    const released = await service
      .http()
      .post(`/stock-reservations/${orderId}/release-stock-reservation`)
      .set(ifMatch(1));
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ status: 'RELEASED', version: 2 });
    // Released again with the version read before: nothing changes, the same answer.
    const again = await service.http().post(`/stock-reservations/${orderId}/release-stock-reservation`).set(ifMatch(1));
    expect(again.status).toBe(200);
    expect((await service.http().get(`/stock-items/${a.sku}`)).body).toMatchObject({ onHand: 4, reserved: 0 });
    const commit = await service.http().post(`/stock-reservations/${orderId}/commit-stock-reservation`).set(ifMatch(2));
    expect(commit.status).toBe(409);
    expect(commit.body.code).toBe('STOCK_RESERVATION.INVALID_STATE');

    const shipped = randomUUID();
    await service
      .http()
      .post('/stock-reservations')
      .send({ orderId: shipped, lines: [{ sku: a.sku, quantity: 4 }] });
    await service.http().post(`/stock-reservations/${shipped}/commit-stock-reservation`).set(ifMatch(1)).expect(200);
    expect((await service.http().get(`/stock-items/${a.sku}`)).body).toMatchObject({ onHand: 0, reserved: 0 });
    expect(await eventsOf(shipped, 'inventory.stock-reservation-committed')).toHaveLength(1);
  });

  it('lets a reader read and not write (403), and no one without a token (401)', async () => {
    const body = aStockItem();
    await service.http().post('/stock-items').send(body).expect(201);
    const reader = await tokenFor('reader');
    await request(service.app.getHttpServer())
      .get(`/stock-items/${body.sku}`)
      .set('authorization', `Bearer ${reader}`)
      .expect(200);
    await request(service.app.getHttpServer())
      .post('/stock-items')
      .set('authorization', `Bearer ${reader}`)
      .send(aStockItem())
      .expect(403);
    await request(service.app.getHttpServer()).get(`/stock-items/${body.sku}`).expect(401);
  });

  it('runs the same use cases over gRPC, with the same refusals', async () => {
    const body = aStockItem({ onHand: 2 });
    const ref = await call(items, 'CreateStockItem', body);
    expect(ref).toEqual({ id: StockItemId.forSku(body.sku).value, version: 1 });
    expect(await call(items, 'GetStockItem', { sku: body.sku })).toMatchObject({
      sku: body.sku,
      unitPrice: body.unitPrice,
      onHand: 2,
      available: 2,
    });
    expect(await call(items, 'RestockStockItem', { sku: body.sku, expectedVersion: 1, quantity: 2 })).toMatchObject({
      version: 2,
    });
    const orderId = randomUUID();
    const reservation = await call(reservations, 'CreateStockReservation', {
      orderId,
      lines: [{ sku: body.sku, quantity: 4 }],
    });
    expect(reservation).toEqual({ id: orderId, version: 1 });
    expect(await call(reservations, 'GetStockReservation', { id: orderId })).toMatchObject({ status: 'RESERVED' });
    await expect(
      call(items, 'AdjustStockItem', { sku: body.sku, expectedVersion: 3, delta: -1, reason: 'count' }),
    ).rejects.toMatchObject({ code: status.FAILED_PRECONDITION });
    expect(await call(reservations, 'ReleaseStockReservation', { id: orderId, expectedVersion: 1 })).toEqual({
      id: orderId,
      version: 2,
    });
    await expect(
      call(items, 'RestockStockItem', { sku: body.sku, expectedVersion: 1, quantity: 1 }),
    ).rejects.toMatchObject({
      code: status.ABORTED,
    });
    await expect(call(items, 'GetStockItem', { sku: 'not a sku' })).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT,
    });
    await expect(call(items, 'GetStockItem', { sku: aSku('NONE') })).rejects.toMatchObject({ code: status.NOT_FOUND });
    await expect(
      call(reservations, 'CreateStockReservation', { orderId: randomUUID(), lines: [] }),
    ).rejects.toMatchObject({ code: status.INVALID_ARGUMENT });
    await expect(call(items, 'CreateStockItem', aStockItem(), new Metadata())).rejects.toMatchObject({
      code: status.UNAUTHENTICATED,
    });
  });
});
