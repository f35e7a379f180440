/** @exclusive runs the five services of PlaceOrder on the shared topics: another suite's services would take part in its sagas */
import { randomUUID } from 'node:crypto';
import { eventually } from '@bascule/shared/testing';
import { PlaceOrderServices, startPlaceOrderServices } from './place-order-services';

const SETTLED = ['COMPLETED', 'COMPENSATED'];

/**
 * PlaceOrder under contention and under crashes, with the real services as processes: 200 orders at once for a stock
 * of 50, and the orchestrator SIGKILLed and restarted again and again while sagas are at every step. Whatever the
 * interleaving: never oversold, every saga settles, money captured and invoices match the confirmed orders exactly.
 */
describe('PlaceOrder: 200 orders competing for 50 items, and the orchestrator killed mid-flight', () => {
  const run = randomUUID().slice(0, 8).toUpperCase();
  let services: PlaceOrderServices;

  beforeAll(async () => {
    services = await startPlaceOrderServices(run);
  }, 600_000);

  afterAll(() => services?.stop());

  /** Waits until each of these orders' sagas is settled; fails naming the ones still open. */
  const settledSagas = async (orderIds: string[]) => {
    const open = async () =>
      services.saga.sql<{ order_id: string; status: string; current_step: string }>(
        `SELECT data->>'orderId' AS order_id, status, current_step FROM sagas
          WHERE type = 'orders.place-order' AND data->>'orderId' = ANY($1) AND status <> ALL($2)`,
        [orderIds, SETTLED],
      );
    await eventually(
      async () =>
        (
          await services.saga.sql<{ n: number }>(
            `SELECT count(*)::int AS n FROM sagas WHERE type = 'orders.place-order' AND data->>'orderId' = ANY($1)`,
            [orderIds],
          )
        )[0].n === orderIds.length,
      120_000,
      500,
    );
    await eventually(async () => (await open()).length === 0, 300_000, 1_000).catch(async () => {
      throw new Error(`sagas not settled: ${JSON.stringify((await open()).slice(0, 20))}`);
    });
  };
  /** The orders, `total` being what the client pays (VAT included): what is captured and invoiced. */
  const ordersOf = (orderIds: string[]) =>
    services.orders.sql<{ id: string; status: string; total: string }>(
      `SELECT id, status, total_incl_vat_amount::text AS total FROM orders WHERE id = ANY($1)`,
      [orderIds],
    );
  const capturedOf = (orderIds: string[]) =>
    services.payment.sql<{ order_id: string; captured: string; payments: number }>(
      `SELECT order_id, sum(coalesce(captured_amount_amount, 0))::text AS captured, count(*)::int AS payments
         FROM payments WHERE order_id = ANY($1) GROUP BY order_id`,
      [orderIds],
    );
  const invoicesOf = (orderIds: string[]) =>
    services.billing.sql<{ order_id: string; number: string; total: string }>(
      `SELECT order_id, number, total_incl_vat_amount::text AS total FROM invoices WHERE order_id = ANY($1)`,
      [orderIds],
    );
  /** Invoice numbers are `YYYY-NNNNNN`: their sequence parts, sorted. */
  const sequenceOf = (numbers: string[]) => numbers.map((n) => Number(n.split('-')[1])).sort((a, b) => a - b);

  it('200 concurrent orders for a stock of 50: 50 CONFIRMED and paid and invoiced, 150 REJECTED, nothing oversold', async () => {
    const sku = `RACE-${run}`;
    await services.createStockItem(sku, 50);
    const orderIds = await Promise.all(
      Array.from({ length: 200 }, () => services.placeOrder([{ sku, quantity: 1 }], 'tok_ok')),
    );
    await settledSagas(orderIds);

    const orders = await ordersOf(orderIds);
    const confirmed = orders.filter((o) => o.status === 'CONFIRMED');
    expect(orders).toHaveLength(200);
    expect(confirmed).toHaveLength(50);
    expect(orders.filter((o) => o.status === 'REJECTED')).toHaveLength(150);
    const [item] = await services.inventory.sql<{ on_hand: number; reserved: number }>(
      'SELECT on_hand, reserved FROM stock_items WHERE sku = $1',
      [sku],
    );
    expect(item).toEqual({ on_hand: 50, reserved: 50 });

    const captured = await capturedOf(orderIds);
    const paid = captured.filter((p) => Number(p.captured) > 0);
    expect(paid.map((p) => p.order_id).sort()).toEqual(confirmed.map((o) => o.id).sort());
    expect(captured.every((p) => p.payments === 1)).toBe(true);
    const sum = (values: string[]) => values.reduce((total, v) => total + BigInt(v), 0n);
    expect(sum(paid.map((p) => p.captured))).toBe(sum(confirmed.map((o) => o.total)));

    const invoices = await invoicesOf(orderIds);
    expect(invoices.map((i) => i.order_id).sort()).toEqual(confirmed.map((o) => o.id).sort());
    for (const invoice of invoices)
      expect(invoice.total).toBe(paid.find((p) => p.order_id === invoice.order_id)!.captured);
    const numbers = sequenceOf(invoices.map((i) => i.number));
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => numbers[0] + i));
    const sagas = await services.saga.sql<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM sagas WHERE data->>'orderId' = ANY($1) GROUP BY status ORDER BY status`,
      [orderIds],
    );
    expect(sagas).toEqual([
      { status: 'COMPENSATED', n: 150 },
      { status: 'COMPLETED', n: 50 },
    ]);
  }, 900_000);

  it('the orchestrator SIGKILLed five times while 40 sagas run: every saga finishes, each order paid and invoiced once', async () => {
    const sku = `CRASH-${run}`;
    await services.createStockItem(sku, 1_000, 1290, 1000);
    const placing = Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        await new Promise((resolve) => setTimeout(resolve, i * 75));
        return services.placeOrder([{ sku, quantity: 2 }], 'tok_ok');
      }),
    );
    const stepsAtKills: string[][] = [];
    for (let kill = 0; kill < 5; kill++) {
      await new Promise((resolve) => setTimeout(resolve, 400 + kill * 250));
      const inFlight = await services.saga.sql<{ step: string }>(
        `SELECT DISTINCT current_step AS step FROM sagas WHERE type = 'orders.place-order' AND status = ANY($1)`,
        [['RUNNING', 'COMPENSATING']],
      );
      stepsAtKills.push(inFlight.map((s) => s.step));
      await services.saga.kill();
      await services.saga.restart();
    }
    const orderIds = await placing;
    await settledSagas(orderIds);

    // The kills did land while sagas were under way (the steps in flight at each kill, for the record).
    expect(stepsAtKills.some((steps) => steps.length > 0)).toBe(true);
    const orders = await ordersOf(orderIds);
    expect(orders.map((o) => o.status)).toEqual(orderIds.map(() => 'CONFIRMED'));
    const captured = await capturedOf(orderIds);
    expect(captured).toHaveLength(40);
    for (const payment of captured) {
      expect(payment.payments).toBe(1);
      expect(payment.captured).toBe(orders.find((o) => o.id === payment.order_id)!.total);
    }
    const invoices = await invoicesOf(orderIds);
    expect(invoices.map((i) => i.order_id).sort()).toEqual([...orderIds].sort());
    for (const invoice of invoices) expect(invoice.total).toBe(orders.find((o) => o.id === invoice.order_id)!.total);
    const [item] = await services.inventory.sql<{ reserved: number }>(
      'SELECT reserved FROM stock_items WHERE sku = $1',
      [sku],
    );
    expect(item.reserved).toBe(80);
    const sagas = await services.saga.sql<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM sagas WHERE data->>'orderId' = ANY($1) GROUP BY status`,
      [orderIds],
    );
    expect(sagas).toEqual([{ status: 'COMPLETED', n: 40 }]);
  }, 900_000);
});
