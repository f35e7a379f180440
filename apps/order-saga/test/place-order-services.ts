import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  createTopics,
  eventually,
  groupStartingAtEnd,
  importRealmAdditions,
  postgresSettings,
  ServiceProcess,
  startServiceProcess,
  testKafka,
  tokenFor,
} from '@bascule/shared/testing';

const REALM = join(__dirname, '../../../tools/infra/keycloak/realm-bascule.json');
const TOPICS = [
  'client.events.v1',
  'inventory.events.v1',
  'orders.events.v1',
  'payment.events.v1',
  'billing.events.v1',
  'inventory.commands.v1',
  'payment.commands.v1',
  'orders.commands.v1',
  'billing.commands.v1',
  'saga.replies.v1',
].flatMap((topic) => [topic, `${topic}.dlq`]);

export type PlaceOrderService = 'clients' | 'inventory' | 'orders' | 'payment' | 'billing' | 'saga';

export interface PlaceOrderServices extends Record<PlaceOrderService, ServiceProcess> {
  /** A client registered for this run, known to orders. */
  clientId: string;
  /** A stock item of this run (at 20 % VAT unless `vatRate` says), known to orders and billing once this resolves. */
  createStockItem(sku: string, onHand: number, unitPrice?: number, vatRate?: number): Promise<void>;
  placeOrder(lines: { sku: string; quantity: number }[], token: string): Promise<string>;
  stop(): Promise<void>;
}

/** A call with a token holding every role; anything but 2xx throws with the answer. */
export async function call(
  base: string,
  method: string,
  path: string,
  body?: object,
  headers: Record<string, string> = {},
): Promise<Record<string, any>> {
  const answer = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await tokenFor()}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${await answer.text()}`);
  return (await answer.json()) as Record<string, any>;
}

/**
 * POST /orders as a careful client does: with an Idempotency-Key, sent again while the service sheds load (503) for up
 * to two minutes, so that a busy machine slows the suite down rather than failing it; the order is placed once
 * whatever the retries.
 */
async function placeOrder(base: string, body: object): Promise<string> {
  const key = randomUUID();
  const giveUpAt = Date.now() + 120_000;
  for (let attempt = 1; ; attempt++) {
    const answer = await fetch(`${base}/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await tokenFor()}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify(body),
    });
    if (answer.status === 503 && Date.now() < giveUpAt) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(200 * attempt, 1_000)));
      continue;
    }
    if (answer.status >= 300) throw new Error(`POST /orders answered ${answer.status}: ${await answer.text()}`);
    return ((await answer.json()) as { id: string }).id;
  }
}

/**
 * The services of PlaceOrder as `npm start` runs them, each its own process on its own database, on the shared
 * topics with consumer groups of this run that start at their end. Suites using it are `@exclusive`: another suite's
 * services on the same topics would take part in their sagas.
 */
export async function startPlaceOrderServices(run: string): Promise<PlaceOrderServices> {
  const revoke = await importRealmAdditions(REALM);
  const started: ServiceProcess[] = [];
  const stop = async () => {
    for (const service of started.reverse()) await service.stop().catch(() => undefined);
    await revoke();
  };
  try {
    const kafka = testKafka('order-saga-e2e');
    await createTopics(kafka, TOPICS, 6);
    const group = (service: string, topics: string[]) =>
      groupStartingAtEnd(kafka, `${service}.e2e-saga-${run}`, topics);
    const start = async (service: string, prefix: string, env: Record<string, string> = {}) => {
      const process = await startServiceProcess(service, prefix, env);
      started.push(process);
      return process;
    };
    const clients = await start('client-service', 'CLIENT', { OUTBOX_RELAY: 'off' });
    const [inventory, payment] = await Promise.all([
      start('inventory-service', 'INVENTORY', {
        EVENT_CONSUMER_GROUP: await group('inventory-service', ['inventory.commands.v1', 'orders.events.v1']),
      }),
      start('payment-service', 'PAYMENT', {
        EVENT_CONSUMER_GROUP: await group('payment-service', ['payment.commands.v1']),
      }),
    ]);
    const orders = await start('orders-service', 'ORDERS', {
      CLIENT_GRPC_URL: clients.grpcAddress,
      // One caller places every order of these suites (hundreds a minute): the per-caller limit is not what they test.
      RATE_LIMIT_REQUESTS: '100000',
      EVENT_CONSUMER_GROUP: await group('orders-service', [
        'client.events.v1',
        'inventory.events.v1',
        'orders.commands.v1',
      ]),
    });
    const billing = await start('billing-service', 'BILLING', {
      EVENT_CONSUMER_GROUP: await group('billing-service', [
        'orders.events.v1',
        'inventory.events.v1',
        'billing.commands.v1',
      ]),
    });
    // Until `npm run setup` made its role, the orchestrator's suite database is the administrator's.
    const admin = postgresSettings();
    if (!process.env.ORDER_SAGA_DB_PASSWORD)
      Object.assign(process.env, { ORDER_SAGA_DB_USER: admin.user, ORDER_SAGA_DB_PASSWORD: admin.password });
    const saga = await start('order-saga', 'ORDER_SAGA', {
      EVENT_CONSUMER_GROUP: await group('order-saga', ['orders.events.v1', 'saga.replies.v1']),
    });
    const { id: clientId } = await call(clients.url, 'POST', '/clients', {
      givenName: 'Ada',
      familyName: 'Lovelace',
      email: `ada.${run.toLowerCase()}@example.com`,
      address: { line1: '12 St James Square', postalCode: 'SW1Y 4LB', city: 'London', country: 'GB' },
    });
    return {
      clients,
      inventory,
      orders,
      payment,
      billing,
      saga,
      clientId,
      createStockItem: async (sku, onHand, unitPrice = 2490, vatRate?: number) => {
        await call(inventory.url, 'POST', '/stock-items', {
          sku,
          label: `Article ${sku}`,
          unitPrice: { amount: unitPrice, currency: 'EUR' },
          onHand,
          ...(vatRate ? { vatRate } : {}),
        });
        await eventually(
          async () =>
            (await orders.sql('SELECT sku FROM known_stock_items WHERE sku = $1', [sku])).length === 1 &&
            (await billing.sql('SELECT sku FROM known_stock_items WHERE sku = $1', [sku])).length === 1,
          90_000,
          250,
        );
      },
      placeOrder: (lines, token) => placeOrder(orders.url, { clientId, lines, payment: { type: 'card', token } }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
