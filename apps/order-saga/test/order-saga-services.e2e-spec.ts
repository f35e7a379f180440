/**
 * @exclusive runs the orchestrator and every saga participant on the shared commands and replies topics: another
 * suite's participants (any service e2e starting orders, inventory, payment or billing) would answer its commands,
 * and another orchestrator would drive its orders.
 */
import { randomUUID } from 'node:crypto';
import { eventually } from '@bascule/shared/testing';
import { call as send, PlaceOrderServices, startPlaceOrderServices } from './place-order-services';

/**
 * The services as `npm start` runs them, each its own process on its own database, with consumer groups of this
 * run that start at the end of the shared topics; an order placed over REST goes through the real saga.
 */
describe('an order placed over REST, through the order saga and the real participants', () => {
  const run = randomUUID().slice(0, 8).toUpperCase();
  const sku = `SAGA-${run}`;
  let services: PlaceOrderServices;

  beforeAll(async () => {
    services = await startPlaceOrderServices(run);
    // 24.90 at 5.5 %: the amounts below are VAT included, a rate other than the default.
    await services.createStockItem(sku, 10, 2490, 550);
  }, 600_000);

  afterAll(() => services?.stop());

  const placeOrder = (token: string) => services.placeOrder([{ sku, quantity: 2 }], token);
  const orderOnceSettled = (orderId: string) =>
    eventually(
      async () => {
        const order = await send(services.orders.url, 'GET', `/orders/${orderId}`);
        return order.status === 'PENDING' ? undefined : order;
      },
      120_000,
      250,
    );
  const sagaOf = async (orderId: string) => {
    const { items } = await send(services.saga.url, 'GET', `/sagas?orderId=${orderId}`);
    return items[0];
  };
  /** Waits; on a timeout, fails with the saga as it stands (which step, which reply), not only "still undefined". */
  const until = async <T>(orderId: string, check: () => Promise<T | undefined>, timeoutMs = 60_000) => {
    try {
      return (await eventually(check, timeoutMs, 250)) as T;
    } catch (error) {
      throw new Error(`${(error as Error).message}; saga: ${JSON.stringify(await sagaOf(orderId))}`);
    }
  };

  it('a good card: the order CONFIRMED, its payment captured and its invoice issued, both for what the client pays', async () => {
    const orderId = await placeOrder('tok_ok');
    const order = (await orderOnceSettled(orderId)) as Record<string, any>;
    expect({ ...order, saga: order.status === 'CONFIRMED' ? undefined : await sagaOf(orderId) }).toMatchObject({
      status: 'CONFIRMED',
      total: { amount: 4980, currency: 'EUR' },
      // 49.80 at 5.5 % = 2.739 → 2.74.
      totalInclVat: { amount: 5254, currency: 'EUR' },
      orderLines: [expect.objectContaining({ vatRate: 550 })],
    });
    const invoices = await until(orderId, async () => {
      const page = await send(services.billing.url, 'GET', `/invoices?orderId=${orderId}`);
      return page.items.length === 1 ? page.items : undefined;
    });
    expect(invoices[0]).toMatchObject({ orderId, totalExclVat: order.total, totalInclVat: order.totalInclVat });
    const { items: payments } = await send(services.payment.url, 'GET', `/payments?orderId=${orderId}`);
    expect(payments).toEqual([expect.objectContaining({ status: 'CAPTURED', capturedAmount: order.totalInclVat })]);
    const saga = await until(orderId, async () => {
      const found = await sagaOf(orderId);
      return found?.status === 'COMPLETED' ? found : undefined;
    });
    expect(
      saga.steps.filter((s: { outcome: string }) => s.outcome === 'succeeded').map((s: { step: string }) => s.step),
    ).toEqual(['reserve-stock', 'authorize-payment', 'confirm-order', 'capture-payment', 'issue-invoice']);
  });

  it('a confirmed order cancelled: its payment refunded, a credit note for its invoice, its stock released, the order CANCELLED', async () => {
    const reservedBefore = (await send(services.inventory.url, 'GET', `/stock-items/${sku}`)).reserved;
    const orderId = await placeOrder('tok_ok');
    const confirmed = (await orderOnceSettled(orderId)) as Record<string, any>;
    expect(confirmed.status).toBe('CONFIRMED');
    // Cancelled once PlaceOrder is over (its invoice issued): the cancellation saga credits that invoice.
    await until(orderId, async () => ((await sagaOf(orderId))?.status === 'COMPLETED' ? true : undefined));
    const current = await send(services.orders.url, 'GET', `/orders/${orderId}`);
    const cancelling = await send(
      services.orders.url,
      'POST',
      `/orders/${orderId}/cancel`,
      { reason: 'changed my mind' },
      { 'if-match': `"${current.version}"` },
    );
    expect(cancelling.status).toBe('CANCELLING');

    const cancellation = await until(orderId, async () => {
      const { items } = await send(services.saga.url, 'GET', `/sagas?orderId=${orderId}&type=orders.cancel-order`);
      return items[0]?.status === 'COMPLETED' ? items[0] : undefined;
    });
    expect(cancellation.steps.map((s: { step: string; outcome: string }) => [s.step, s.outcome])).toEqual([
      ['refund-payment', 'succeeded'],
      ['issue-credit-note', 'succeeded'],
      ['release-stock', 'succeeded'],
      ['cancel-order', 'succeeded'],
    ]);
    expect(await send(services.orders.url, 'GET', `/orders/${orderId}`)).toMatchObject({ status: 'CANCELLED' });
    const { items: payments } = await send(services.payment.url, 'GET', `/payments?orderId=${orderId}`);
    expect(payments).toEqual([
      expect.objectContaining({
        status: 'REFUNDED',
        capturedAmount: confirmed.totalInclVat,
        refundedAmount: confirmed.totalInclVat,
      }),
    ]);
    const { items: invoices } = await send(services.billing.url, 'GET', `/invoices?orderId=${orderId}`);
    expect(invoices).toHaveLength(1);
    expect(invoices[0].totalInclVat).toEqual(confirmed.totalInclVat);
    expect(invoices[0].creditNotes).toEqual([
      expect.objectContaining({ amount: invoices[0].totalInclVat, reason: 'changed my mind' }),
    ]);
    expect(await send(services.inventory.url, 'GET', `/stock-reservations/${orderId}`)).toMatchObject({
      status: 'RELEASED',
    });
    expect((await send(services.inventory.url, 'GET', `/stock-items/${sku}`)).reserved).toBe(reservedBefore);
  });

  it('a declined card (tok_declined): the order REJECTED, its stock released', async () => {
    const reservedBefore = (await send(services.inventory.url, 'GET', `/stock-items/${sku}`)).reserved;
    const orderId = await placeOrder('tok_declined');
    const order = (await orderOnceSettled(orderId)) as Record<string, any>;
    expect({ ...order, saga: order.status === 'REJECTED' ? undefined : await sagaOf(orderId) }).toMatchObject({
      status: 'REJECTED',
    });
    const reservation = await send(services.inventory.url, 'GET', `/stock-reservations/${orderId}`);
    expect(reservation).toMatchObject({ status: 'RELEASED' });
    const item = await send(services.inventory.url, 'GET', `/stock-items/${sku}`);
    expect(item.reserved).toBe(reservedBefore);
    const saga = await until(orderId, async () => {
      const found = await sagaOf(orderId);
      return found?.status === 'COMPENSATED' ? found : undefined;
    });
    expect(saga.steps.find((s: { step: string }) => s.step === 'authorize-payment')).toMatchObject({
      outcome: 'refused',
    });
  });
});
