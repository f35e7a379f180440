import { randomUUID } from 'node:crypto';
import { credentials, loadPackageDefinition, Metadata, ServiceError, status } from '@grpc/grpc-js';

type Call = (
  request: object,
  metadata: Metadata,
  callback: (error: ServiceError | null, answer: unknown) => void,
) => void;
import { loadSync } from '@grpc/proto-loader';
import request from 'supertest';
import { ORDERS_PROTO_PATH } from '@bascule/orders/contracts';
import { PROTO_LOADER_OPTIONS } from '@bascule/shared/contracts';
import { eventually } from '@bascule/shared/testing';
import { OrdersWorld, startOrdersWorld } from './orders-service.harness';

/**
 * orders-service with a backlog of three (ORDERS_MAX_PENDING) and no saga running: the orders it takes stay PENDING,
 * so the fourth finds the backlog full (ADR 0069).
 */
describe('orders-service takes no order past its backlog of orders waiting for their saga', () => {
  jest.setTimeout(180_000);
  let world: OrdersWorld;
  let grpc: Record<string, Call> & { close(): void };
  let clientId: string;
  const payment = { type: 'card', token: 'tok_ok' };
  const body = () => ({ clientId, lines: [{ sku: world.sku.A, quantity: 1 }], payment });
  const place = () => world.orders.http().post('/orders').send(body());
  const placeOverGrpc = () =>
    new Promise<any>((resolve, reject) =>
      grpc.PlaceOrder.call(grpc, body(), world.orders.metadata(), (error, answer) =>
        error ? reject(error) : resolve(answer),
      ),
    );
  const pendingGauge = async () => {
    const metrics = (await request(world.orders.metricsUrl).get('/metrics').expect(200)).text;
    return Number(/^bascule_orders_pending(?:\{[^}]*\})? (\d+)$/m.exec(metrics)?.[1]);
  };
  /** The backlog's count is at most 250 ms old: past that, an order sees the count as it is now. */
  const countRefreshed = () => new Promise((resolve) => setTimeout(resolve, 300));

  beforeAll(async () => {
    world = await startOrdersWorld({ ORDERS_MAX_PENDING: '3' });
    clientId = await world.registerClient({
      givenName: 'Ada',
      familyName: 'Lovelace',
      email: `ada.${randomUUID().slice(0, 8)}@example.com`,
      address: { line1: '12 St James Square', postalCode: 'SW1Y 4LB', city: 'London', country: 'GB' },
    });
    const proto = loadPackageDefinition(loadSync(ORDERS_PROTO_PATH, PROTO_LOADER_OPTIONS)) as any;
    grpc = new proto.bascule.orders.v1.OrderService(world.orders.grpcAddress, credentials.createInsecure());
  });
  afterAll(async () => {
    grpc?.close();
    await world?.close();
  });

  it('takes three, refuses the fourth with 503 ORDER.BACKLOG_FULL and Retry-After (UNAVAILABLE over gRPC), takes one again once an order is settled', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      await countRefreshed();
      ids.push((await place().expect(201)).body.id);
    }
    await countRefreshed();
    const refused = await place().expect(503);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['retry-after']).toBe('2');
    expect(refused.body).toMatchObject({ status: 503, code: 'ORDER.BACKLOG_FULL', instance: '/orders' });
    expect(refused.body.detail).toMatch(/3 orders are waiting for their saga \(at most 3\)/);
    await expect(placeOverGrpc()).rejects.toMatchObject({
      code: status.UNAVAILABLE,
      details: expect.stringMatching(/^ORDER\.BACKLOG_FULL: /),
    });
    expect(await pendingGauge()).toBe(3);
    const listed = await world.orders.http().get(`/orders?clientId=${clientId}`).expect(200);
    expect(listed.body.items.map((o: { id: string }) => o.id).sort()).toEqual([...ids].sort());

    // One settled (rejected, as a saga would): there is room for one more, and only one.
    await world.orders
      .http()
      .post(`/orders/${ids[0]}/reject`)
      .set('if-match', '"1"')
      .send({ reason: 'out of stock' })
      .expect(200);
    await countRefreshed();
    await place().expect(201);
    await countRefreshed();
    await place().expect(503);
    await eventually(async () => (await pendingGauge()) === 3);
  });

  it('does not count an order the legacy system holds PENDING: it has no saga', async () => {
    // A legacy order (no total VAT included) in PENDING, as the legacy capture writes one: the backlog is still full
    // of this suite's three, and stays at three.
    await world.sql(
      `INSERT INTO orders (id, version, client_id, total_amount, total_currency, status)
       VALUES ($1, 1, $2, 1000, 'EUR', 'PENDING')`,
      [randomUUID(), clientId],
    );
    await countRefreshed();
    await place().expect(503);
    expect(await pendingGauge()).toBe(3);
  });
});
