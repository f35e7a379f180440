import { randomUUID } from 'node:crypto';
import { credentials, loadPackageDefinition, Metadata, ServiceError, status } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import request from 'supertest';
import { CLIENT_EVENTS_TOPIC } from '@bascule/client/contracts';
import { ORDERS_EVENTS_TOPIC, ORDERS_PROTO_PATH } from '@bascule/orders/contracts';
import { PROTO_LOADER_OPTIONS } from '@bascule/shared/contracts';
import { eventually, readUntil, testKafka, tokenFor, topicEnd } from '@bascule/shared/testing';
import { OrdersWorld, startOrdersWorld } from './orders-service.harness';

type Call = (
  request: object,
  metadata: Metadata,
  callback: (error: ServiceError | null, response: any) => void,
) => void;

const registration = () => ({
  givenName: 'Ada',
  familyName: 'Lovelace',
  email: `ada.${randomUUID().slice(0, 8)}@example.com`,
  address: { line1: '12 St James Square', postalCode: 'SW1Y 4LB', city: 'London', country: 'GB' },
});

describe('orders-service over REST and gRPC, with real Keycloak tokens, client-service and the broker', () => {
  jest.setTimeout(180_000);
  let world: OrdersWorld;
  let grpc: Record<string, Call> & { close(): void };
  let eventsBefore: Record<number, string>;
  const payment = { type: 'card', token: 'tok_ok' };
  const call = (method: string, body: object, metadata = world.orders.metadata()) =>
    new Promise<any>((resolve, reject) =>
      grpc[method].call(grpc, body, metadata, (error, response) => (error ? reject(error) : resolve(response))),
    );
  const register = () => world.registerClient(registration());
  const getClientCalls = async () => {
    const metrics = (await request(world.orders.metricsUrl).get('/metrics').expect(200)).text;
    const line = metrics
      .split('\n')
      .find(
        (l) =>
          l.startsWith('bascule_calls_total{') &&
          /callee="client"/.test(l) &&
          /rpc="GetClient"/.test(l) &&
          /outcome="ok"/.test(l),
      );
    return line ? Number(line.split(' ').pop()) : 0;
  };

  beforeAll(async () => {
    world = await startOrdersWorld();
    eventsBefore = await topicEnd(testKafka(), ORDERS_EVENTS_TOPIC);
    const proto = loadPackageDefinition(loadSync(ORDERS_PROTO_PATH, PROTO_LOADER_OPTIONS)) as any;
    grpc = new proto.bascule.orders.v1.OrderService(world.orders.grpcAddress, credentials.createInsecure());
  });
  afterAll(async () => {
    grpc?.close();
    await world?.close();
  });

  it('a client registered a moment ago orders at once: asked once over gRPC, then known; 201 PENDING, priced from the catalogue', async () => {
    const clientId = await register();
    const before = await getClientCalls();
    const body = {
      clientId,
      lines: [
        { sku: world.sku.A, quantity: 2 },
        { sku: world.sku.B, quantity: 10 },
      ],
      payment,
    };
    const placed = await world.orders.http().post('/orders').send(body).expect(201);
    const { id } = placed.body;
    expect(placed.headers.location).toBe(`/orders/${id}`);
    expect(placed.headers.etag).toBe('"1"');
    expect(placed.body).toMatchObject({
      id,
      version: 1,
      clientId,
      status: 'PENDING',
      reason: null,
      total: { amount: 2500 + 990, currency: 'EUR' },
      // 25.00 at 20 % (A's event stated no rate) and 9.90 at 5.5 % (0.5445 → 0.54).
      totalInclVat: { amount: 3490 + 500 + 54, currency: 'EUR' },
      orderLines: [
        {
          sku: world.sku.A,
          quantity: 2,
          unitPrice: { amount: 1250, currency: 'EUR' },
          lineTotal: { amount: 2500, currency: 'EUR' },
          vatRate: 2000,
        },
        {
          sku: world.sku.B,
          quantity: 10,
          unitPrice: { amount: 99, currency: 'EUR' },
          lineTotal: { amount: 990, currency: 'EUR' },
          vatRate: 550,
        },
      ],
    });
    expect(await getClientCalls()).toBe(before + 1);
    expect(await world.sql('SELECT status FROM known_clients WHERE id = $1', [clientId])).toEqual([
      { status: 'ACTIVE' },
    ]);
    // Known now: a second order asks nothing.
    await world.orders.http().post('/orders').send(body).expect(201);
    expect(await getClientCalls()).toBe(before + 1);

    expect((await world.orders.http().get(`/orders/${id}`).expect(200)).body).toEqual(placed.body);
    const events = await readUntil(
      testKafka(),
      ORDERS_EVENTS_TOPIC,
      (m) => m.some((x) => x.key === id),
      60_000,
      eventsBefore,
    );
    const event = events.find((m) => m.key === id)!;
    expect(event.headers).toMatchObject({ event_type: 'orders.order-placed', event_version: '1' });
    expect(JSON.parse(event.value!).payload).toMatchObject({
      orderId: id,
      clientId,
      status: 'PENDING',
      total: { amount: 3490, currency: 'EUR' },
      totalInclVat: { amount: 4044, currency: 'EUR' },
      lines: [
        expect.objectContaining({ sku: world.sku.A, quantity: 2, vatRate: 2000 }),
        expect.objectContaining({ sku: world.sku.B, vatRate: 550 }),
      ],
      payment: { type: 'card', token: 'tok_ok' },
    });
  });

  it('refuses a client client-service does not know (422 ORDER.CLIENT_UNKNOWN), and a sku the catalogue does not hold (422 naming the line)', async () => {
    const unknown = await world.orders
      .http()
      .post('/orders')
      .send({ clientId: randomUUID(), lines: [{ sku: world.sku.A, quantity: 1 }], payment })
      .expect(422);
    expect(unknown.body).toMatchObject({ code: 'ORDER.CLIENT_UNKNOWN', errors: [{ pointer: '#/clientId' }] });
    const clientId = await register();
    const lines = [
      { sku: world.sku.A, quantity: 1 },
      { sku: world.sku.B, quantity: 1 },
      { sku: `${world.sku.C}-NOPE`, quantity: 1 },
    ];
    const sku = await world.orders.http().post('/orders').send({ clientId, lines, payment }).expect(422);
    expect(sku.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(sku.body).toMatchObject({ code: 'ORDER.SKU_UNKNOWN', errors: [{ pointer: '#/lines/2/sku' }] });
  });

  it('keeps what client.events.v1 says of a client: a deactivated one (409) and an erased one (409) do not order', async () => {
    const [inactive, erased] = [randomUUID(), randomUUID()];
    const sealed = (id: string) => `pd1.${id}.c2VhbGVk`;
    const registered = (clientId: string) => ({
      type: 'client.client-registered',
      aggregateType: 'client',
      aggregateId: clientId,
      aggregateVersion: 1,
      payload: {
        clientId,
        givenName: sealed(clientId),
        familyName: sealed(clientId),
        email: sealed(clientId),
        phone: sealed(clientId),
        address: sealed(clientId),
        companyId: null,
        status: 'ACTIVE',
      },
    });
    await world.publish(CLIENT_EVENTS_TOPIC, [
      registered(inactive),
      {
        type: 'client.client-deactivated',
        aggregateType: 'client',
        aggregateId: inactive,
        aggregateVersion: 2,
        payload: { clientId: inactive, reason: sealed(inactive) },
      },
      registered(erased),
      {
        type: 'client.client-erased',
        aggregateType: 'client',
        aggregateId: erased,
        aggregateVersion: 2,
        payload: { clientId: erased, erasedAt: new Date().toISOString() },
      },
    ]);
    await eventually(
      async () => {
        const rows = await world.sql<{ id: string; status: string }>(
          'SELECT id, status FROM known_clients WHERE id = ANY($1) ORDER BY status',
          [[inactive, erased]],
        );
        return rows.map((row) => row.status).join() === 'ERASED,INACTIVE';
      },
      90_000,
      250,
    );
    const place = (clientId: string) =>
      world.orders
        .http()
        .post('/orders')
        .send({ clientId, lines: [{ sku: world.sku.C, quantity: 1 }], payment });
    expect((await place(inactive).expect(409)).body).toMatchObject({ code: 'ORDER.CLIENT_INACTIVE' });
    expect((await place(erased).expect(409)).body).toMatchObject({ code: 'ORDER.CLIENT_ERASED' });
  });

  it('cancels with If-Match; confirm and ship need orders:admin; a terminal order refuses every change', async () => {
    const clientId = await register();
    const place = async () =>
      (
        await world.orders
          .http()
          .post('/orders')
          .send({ clientId, lines: [{ sku: world.sku.C, quantity: 3 }], payment })
          .expect(201)
      ).body.id;
    const change = (id: string, verb: string, version: number, body?: object, token?: string) => {
      const req = request(world.orders.app.getHttpServer())
        .post(`/orders/${id}/${verb}`)
        .set('authorization', `Bearer ${token ?? world.orders.token}`)
        .set('if-match', `"${version}"`);
      return body ? req.send(body) : req;
    };
    const cancelled = await place();
    const writer = await tokenFor('writer');
    expect(
      (await change(cancelled, 'cancel', 1, { reason: 'changed my mind' }, writer).expect(200)).body,
    ).toMatchObject({
      version: 2,
      status: 'CANCELLED',
      reason: 'changed my mind',
    });
    expect((await change(cancelled, 'cancel', 2, { reason: 'again' }).expect(409)).body).toMatchObject({
      code: 'ORDER.INVALID_STATE',
    });

    const shipped = await place();
    expect((await change(shipped, 'confirm', 1, undefined, writer).expect(403)).body.status).toBe(403);
    await change(shipped, 'confirm', 1).expect(200);
    await change(shipped, 'confirm', 1).expect(412);
    expect((await change(shipped, 'ship', 2).expect(200)).body).toMatchObject({ version: 3, status: 'SHIPPED' });
    expect((await change(shipped, 'cancel', 3, { reason: 'too late' }).expect(409)).body).toMatchObject({
      code: 'ORDER.INVALID_STATE',
    });

    const page = await world.orders.http().get(`/orders?clientId=${clientId}&status=SHIPPED`).expect(200);
    expect(page.body.items.map((o: { id: string }) => o.id)).toEqual([shipped]);
    const first = await world.orders.http().get(`/orders?clientId=${clientId}&limit=1`).expect(200);
    const second = await world.orders
      .http()
      .get(`/orders?clientId=${clientId}&limit=1&cursor=${first.body.nextCursor}`)
      .expect(200);
    expect([first.body.items[0].id, second.body.items[0].id]).toEqual([cancelled, shipped]);
    expect(second.body.nextCursor).toBeNull();
  });

  it("a CONFIRMED order's cancellation is a request: CANCELLING, published with its total, shown by REST and gRPC", async () => {
    const clientId = await register();
    const placed = await world.orders
      .http()
      .post('/orders')
      .send({ clientId, lines: [{ sku: world.sku.B, quantity: 2 }], payment })
      .expect(201);
    const { id, total, totalInclVat } = placed.body;
    const change = (verb: string, version: number, body?: object) =>
      request(world.orders.app.getHttpServer())
        .post(`/orders/${id}/${verb}`)
        .set('authorization', `Bearer ${world.orders.token}`)
        .set('if-match', `"${version}"`)
        .send(body);
    await change('confirm', 1).expect(200);
    expect((await change('cancel', 2, { reason: 'changed my mind' }).expect(200)).body).toMatchObject({
      version: 3,
      status: 'CANCELLING',
      reason: 'changed my mind',
    });
    // Asked again: the request stands, nothing more is recorded; and a cancellation under way is not shipped.
    expect((await change('cancel', 3, { reason: 'really' }).expect(200)).body).toMatchObject({ version: 3 });
    expect((await change('ship', 3).expect(409)).body).toMatchObject({ code: 'ORDER.INVALID_STATE' });
    expect((await world.orders.http().get(`/orders/${id}`).expect(200)).body.status).toBe('CANCELLING');
    const listed = await world.orders.http().get(`/orders?clientId=${clientId}&status=CANCELLING`).expect(200);
    expect(listed.body.items.map((o: { id: string }) => o.id)).toEqual([id]);
    expect(await call('GetOrder', { id })).toMatchObject({ status: 'CANCELLING' });

    const requested = (m: { key: string | null; headers: Record<string, string> }) =>
      m.key === id && m.headers.event_type === 'orders.order-cancellation-requested';
    const events = await readUntil(testKafka(), ORDERS_EVENTS_TOPIC, (m) => m.some(requested), 30_000, eventsBefore);
    const published = events.filter(requested);
    expect(published).toHaveLength(1);
    // 1.98 at 5.5 % = 0.1089 → 0.11: what was paid, hence refunded.
    expect(totalInclVat).toEqual({ amount: 209, currency: 'EUR' });
    expect(JSON.parse(published[0].value!).payload).toEqual({
      orderId: id,
      reason: 'changed my mind',
      total,
      totalInclVat,
    });
  });

  it('places once per Idempotency-Key', async () => {
    const clientId = await register();
    const body = { clientId, lines: [{ sku: world.sku.A, quantity: 1 }], payment };
    const key = randomUUID();
    const first = await world.orders.http().post('/orders').set('idempotency-key', key).send(body).expect(201);
    const again = await world.orders.http().post('/orders').set('idempotency-key', key).send(body).expect(201);
    expect(again.body.id).toBe(first.body.id);
    const page = await world.orders.http().get(`/orders?clientId=${clientId}`).expect(200);
    expect(page.body.items).toHaveLength(1);
  });

  it('places, reads, lists, confirms and ships over gRPC; refusals carry their code', async () => {
    const clientId = await register();
    const ref = await call('PlaceOrder', { clientId, lines: [{ sku: world.sku.B, quantity: 4 }], payment });
    expect(ref.version).toBe(1);
    expect(await call('GetOrder', { id: ref.id })).toMatchObject({
      id: ref.id,
      status: 'PENDING',
      total: { amount: 396, currency: 'EUR' },
      // 3.96 at 5.5 % = 0.2178 → 0.22.
      totalInclVat: { amount: 418, currency: 'EUR' },
      orderLines: [expect.objectContaining({ sku: world.sku.B, quantity: 4, vatRate: 550 })],
    });
    expect((await call('ListOrders', { clientId, status: 'PENDING' })).items.map((o: { id: string }) => o.id)).toEqual([
      ref.id,
    ]);
    expect(await call('ConfirmOrder', { id: ref.id, expectedVersion: 1 })).toMatchObject({ version: 2 });
    expect(await call('ShipOrder', { id: ref.id, expectedVersion: 2 })).toMatchObject({ version: 3 });
    await expect(call('RejectOrder', { id: ref.id, expectedVersion: 3, reason: 'no' })).rejects.toMatchObject({
      code: status.FAILED_PRECONDITION,
      details: expect.stringContaining('ORDER.INVALID_STATE'),
    });
    await expect(
      call('PlaceOrder', { clientId, lines: [{ sku: 'NOPE-1', quantity: 1 }], payment }),
    ).rejects.toMatchObject({
      code: status.FAILED_PRECONDITION,
      details: expect.stringContaining('ORDER.SKU_UNKNOWN'),
    });
    await expect(
      call('PlaceOrder', { clientId: randomUUID(), lines: [{ sku: world.sku.B, quantity: 1 }], payment }),
    ).rejects.toMatchObject({ details: expect.stringContaining('ORDER.CLIENT_UNKNOWN') });
    const reader = new Metadata();
    reader.set('authorization', `Bearer ${await tokenFor('writer')}`);
    await expect(call('ConfirmOrder', { id: ref.id, expectedVersion: 3 }, reader)).rejects.toMatchObject({
      code: status.PERMISSION_DENIED,
    });
    await expect(call('GetOrder', { id: ref.id }, new Metadata())).rejects.toMatchObject({
      code: status.UNAUTHENTICATED,
    });
  });
});
