import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { BILLING_EVENTS_TOPIC } from '@bascule/billing/contracts';
import { CLIENT_EVENTS_TOPIC } from '@bascule/client/contracts';
import { INVENTORY_EVENTS_TOPIC } from '@bascule/inventory/contracts';
import { ORDERS_EVENTS_TOPIC } from '@bascule/orders/contracts';
import {
  BadInputWorld,
  createTopics,
  eventually,
  groupStartingAtEnd,
  importRealmAdditions,
  RunningService,
  ServiceProcess,
  startServiceProcess,
  startTestService,
  testKafka,
  tokenFor,
} from '@bascule/shared/testing';
import { Client } from 'pg';
import { createBillingApp } from '../src/billing-service';

const REALM = join(__dirname, '../../../tools/infra/keycloak/realm-bascule.json');
const TOPICS = [ORDERS_EVENTS_TOPIC, INVENTORY_EVENTS_TOPIC, CLIENT_EVENTS_TOPIC, BILLING_EVENTS_TOPIC].flatMap(
  (topic) => [topic, `${topic}.dlq`],
);

/** A stock item as inventory-service takes it: its price in EUR cents and, when given, its VAT rate (basis points). */
export interface Stock {
  sku: string;
  cents: number;
  vatRate?: number;
}

export interface BillingWorld {
  billing: RunningService;
  inventory: ServiceProcess;
  orders: ServiceProcess;
  /** The run's two skus in inventory, both at 20 %: A at 19.99 EUR (no rate given), B at 0.63 EUR. */
  sku: { A: string; B: string };
  /** A sku unique to this run. */
  aSku(label: string): string;
  /** Creates stock items in inventory-service over REST; resolves once orders and billing both learned them. */
  stock(items: Stock[]): Promise<void>;
  /** Changes a sku's VAT rate in inventory-service (If-Match); resolves once billing learned the new rate. */
  changeVatRate(sku: string, version: number, vatRate: number): Promise<void>;
  /**
   * An order placed over REST with orders-service (3 × A and 1 × B unless `lines` say otherwise), then, unless
   * `status` says otherwise, confirmed (and shipped) with its admin commands; resolves once billing's consumer kept
   * that status from orders' events.
   */
  order(status?: 'CONFIRMED' | 'PENDING' | 'SHIPPED', lines?: { sku: string; quantity: number }[]): Promise<string>;
  sql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * billing-service in this process on a fresh database, with the real inventory-service, orders-service and
 * client-service as `npm start` runs them (their own processes and databases), the real broker and Keycloak (the
 * realm's additions imported as `npm start` would, and removed after). Every consumer group is the suite's own and
 * starts at the end of the topics it reads: the services see only what this suite makes happen.
 */
export async function startBillingWorld(): Promise<BillingWorld> {
  const revoke = await importRealmAdditions(REALM);
  const started: { stop(): Promise<void> }[] = [];
  try {
    const run = randomBytes(4).toString('hex');
    const kafka = testKafka('billing-e2e');
    await createTopics(kafka, TOPICS, 6);
    const groupOf = (service: string, topics: string[]) =>
      groupStartingAtEnd(kafka, `${service}.e2e-billing-${run}`, topics);
    const [clients, inventory] = await Promise.all([
      startServiceProcess('client-service', 'CLIENT', { OUTBOX_RELAY: 'off' }),
      startServiceProcess('inventory-service', 'INVENTORY'),
    ]);
    started.push(clients, inventory);
    const orders = await startServiceProcess('orders-service', 'ORDERS', {
      CLIENT_GRPC_URL: clients.grpcAddress,
      EVENT_CONSUMER_GROUP: await groupOf('orders-service', [CLIENT_EVENTS_TOPIC, INVENTORY_EVENTS_TOPIC]),
    });
    started.push(orders);
    const billing = await startTestService({
      prefix: 'BILLING',
      topics: [BILLING_EVENTS_TOPIC],
      create: createBillingApp,
      env: { EVENT_CONSUMER_GROUP: await groupOf('billing-service', [ORDERS_EVENTS_TOPIC, INVENTORY_EVENTS_TOPIC]) },
    });
    started.push({ stop: () => billing.close() });
    const world = billingWorld(billing, inventory, orders, clients, run);
    await world.stock([
      { sku: world.sku.A, cents: 1999 },
      { sku: world.sku.B, cents: 63, vatRate: 2000 },
    ]);
    return {
      ...world,
      close: async () => {
        for (const service of started.reverse()) await service.stop();
        await revoke();
      },
    };
  } catch (error) {
    for (const service of started.reverse()) await service.stop().catch(() => undefined);
    await revoke();
    throw error;
  }
}

function billingWorld(
  billing: RunningService,
  inventory: ServiceProcess,
  orders: ServiceProcess,
  clients: ServiceProcess,
  run: string,
): Omit<BillingWorld, 'close'> {
  const aSku = (label: string) => `BILL-${run}-${label}`;
  const sku = { A: aSku('A'), B: aSku('B') };
  const sql = async <T>(text: string, values: unknown[] = []) => {
    const client = new Client(billing.db.settings);
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  };
  const billingRates = (skus: string[]) =>
    sql<{ sku: string; vat_rate: number }>('SELECT sku, vat_rate FROM known_stock_items WHERE sku = ANY($1)', [skus]);
  let clientId: Promise<string> | undefined;
  const client = () =>
    (clientId ??= send(clients.url, 'POST', '/clients', {
      givenName: 'Ada',
      familyName: 'Lovelace',
      email: `ada.${run}@example.com`,
      address: { line1: '12 St James Square', postalCode: 'SW1Y 4LB', city: 'London', country: 'GB' },
    }).then((answer) => answer.id as string));
  const stock = async (items: Stock[]) => {
    for (const item of items)
      await send(inventory.url, 'POST', '/stock-items', {
        sku: item.sku,
        label: `Item ${item.sku}`,
        unitPrice: { amount: item.cents, currency: 'EUR' },
        onHand: 1000,
        ...(item.vatRate === undefined ? {} : { vatRate: item.vatRate }),
      });
    const skus = items.map((item) => item.sku);
    await eventually(
      async () =>
        (await orders.sql('SELECT sku FROM known_stock_items WHERE sku = ANY($1)', [skus])).length === skus.length &&
        (await billingRates(skus)).length === skus.length,
      90_000,
      250,
    );
  };
  const changeVatRate = async (code: string, version: number, vatRate: number) => {
    await send(inventory.url, 'POST', `/stock-items/${code}/change-stock-item-vat-rate`, { vatRate }, version);
    await eventually(async () => (await billingRates([code]))[0]?.vat_rate === vatRate, 90_000, 250);
  };
  const order: BillingWorld['order'] = async (
    status = 'CONFIRMED',
    lines = [
      { sku: sku.A, quantity: 3 },
      { sku: sku.B, quantity: 1 },
    ],
  ) => {
    const payment = { type: 'card', token: 'tok_ok' };
    const placed = await send(orders.url, 'POST', '/orders', { clientId: await client(), lines, payment });
    const orderId = placed.id as string;
    if (status !== 'PENDING') await send(orders.url, 'POST', `/orders/${orderId}/confirm`, undefined, 1);
    if (status === 'SHIPPED') await send(orders.url, 'POST', `/orders/${orderId}/ship`, undefined, 2);
    await eventually(
      async () =>
        (await sql<{ status: string }>('SELECT status FROM known_orders WHERE id = $1', [orderId]))[0]?.status ===
        status,
      90_000,
      200,
    );
    return orderId;
  };
  return { billing, inventory, orders, sku, aSku, stock, changeVatRate, order, sql };
}

/** A call with a token holding every role (orders:admin for confirm and ship); anything but 2xx throws. */
async function send(
  base: string,
  method: string,
  path: string,
  body?: object,
  version?: number,
): Promise<Record<string, unknown>> {
  const answer = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await tokenFor()}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(version === undefined ? {} : { 'if-match': `"${version}"` }),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${await answer.text()}`);
  return (await answer.json()) as Record<string, unknown>;
}

export interface BillingBadInputWorld extends BillingWorld {
  /** A PENDING order billing knows. */
  pending: string;
  /** A confirmed order, invoiced. */
  invoiced: string;
  /** Its invoice, ISSUED (version 1). */
  id: string;
  /** The invoice series before any case ran. */
  lastNumber: number;
}

/** The last number the invoice series gave. */
const lastInvoiceNumber = async (world: BillingWorld) =>
  (await world.sql<{ last: number }>(`SELECT last FROM number_series WHERE series = 'INVOICE'`))[0].last;

/** The world both bad-input suites (REST and gRPC) refuse input in: a PENDING order, and a confirmed one invoiced. */
async function startBillingBadInputWorld(): Promise<BillingBadInputWorld> {
  const world = await startBillingWorld();
  const pending = await world.order('PENDING');
  const invoiced = await world.order();
  const id = (await world.billing.http().post('/invoices').send({ orderId: invoiced }).expect(201)).body.id;
  return Object.assign(world, { pending, invoiced, id, lastNumber: await lastInvoiceNumber(world) });
}

/** The world both bad-input suites (REST and gRPC) of billing run their cases in. */
export const billingBadInputWorld: BadInputWorld<BillingBadInputWorld> = {
  start: startBillingBadInputWorld,
  target: (world) => world.billing,
  close: (world) => world.close(),
  // No number was taken, no credit note issued, the invoice unchanged.
  unchanged: async (world) => {
    expect(await lastInvoiceNumber(world)).toBe(world.lastNumber);
    expect(await world.sql(`SELECT count(*)::int AS n FROM number_series WHERE series = 'CREDIT_NOTE'`)).toEqual([
      { n: 0 },
    ]);
    const invoice = (await world.billing.http().get(`/invoices/${world.id}`).expect(200)).body;
    expect(invoice).toMatchObject({ version: 1, status: 'ISSUED', creditNotes: [] });
  },
};
