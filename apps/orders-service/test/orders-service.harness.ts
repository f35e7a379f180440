import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { CLIENT_EVENTS_TOPIC } from '@bascule/client/contracts';
import { INVENTORY_EVENTS_TOPIC } from '@bascule/inventory/contracts';
import { ORDERS_EVENTS_TOPIC } from '@bascule/orders/contracts';
import { ChildProcess } from 'node:child_process';
import {
  BadInputWorld,
  createTestDatabase,
  createTopics,
  eventually,
  freePort,
  groupStartingAtEnd,
  importRealmAdditions,
  RunningService,
  serviceRole,
  spawnTs,
  startTestService,
  TestDatabase,
  testKafka,
  tokenFor,
  waitForExit,
  waitForOutput,
} from '@bascule/shared/testing';
import { Client } from 'pg';
import { createOrdersApp } from '../src/orders-service';

export interface OrdersWorld {
  orders: RunningService;
  /** Registers a client with the real client-service (its own process, its outbox relay off): orders can learn of it only by asking over gRPC. */
  registerClient(registration: object): Promise<string>;
  /** Skus unique to this run, priced in the catalogue orders keeps (EUR): A 12.50, B 0.99, C 3.00. */
  sku: { A: string; B: string; C: string };
  publish(topic: string, events: DomainEventMessage[]): Promise<void>;
  sql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface DomainEventMessage {
  type: string;
  aggregateType: string;
  aggregateId: string;
  aggregateVersion: number;
  payload: object;
}

const REALM = join(__dirname, '../../../tools/infra/keycloak/realm-bascule.json');

/**
 * orders-service and client-service in this process on fresh databases, the real broker and Keycloak (the realm's
 * orders roles and orders-service client imported as `npm start` would, and removed after), and a catalogue of
 * three skus sent as inventory sends them. `env`: orders-service's settings for this world.
 */
export async function startOrdersWorld(env: Record<string, string> = {}): Promise<OrdersWorld> {
  const revoke = await importRealmAdditions(REALM);
  const clients = await startClientService();
  const run = randomUUID().slice(0, 8).toUpperCase();
  const consumed = [CLIENT_EVENTS_TOPIC, INVENTORY_EVENTS_TOPIC];
  const topics = [ORDERS_EVENTS_TOPIC, `${ORDERS_EVENTS_TOPIC}.dlq`, ...consumed, `${INVENTORY_EVENTS_TOPIC}.dlq`];
  await createTopics(testKafka(), topics, 6);
  const orders = await startTestService({
    prefix: 'ORDERS',
    topics,
    create: createOrdersApp,
    env: {
      CLIENT_GRPC_URL: clients.grpcAddress,
      // The legacy capture has its own suite (orders-legacy-commandes): here no consumer of the shared capture's topics.
      LEGACY_CDC: 'off',
      // Suites run in parallel (ADR 0066): in the service's default group, another suite's orders-service would be
      // assigned some partitions of the catalogue this one sends, and this one would never learn those skus.
      EVENT_CONSUMER_GROUP: await groupStartingAtEnd(testKafka(), `orders-service.e2e-orders-${run}`, consumed),
      ...env,
    },
  });
  const sku = { A: `E2E-${run}-A`, B: `E2E-${run}-B`, C: `E2E-${run}-C` };
  const sql = async <T>(text: string, values: unknown[] = []) => {
    const client = new Client(orders.db.settings);
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  };
  const publish = async (topic: string, events: DomainEventMessage[]) => {
    const producer = testKafka('orders-e2e').producer();
    await producer.connect();
    try {
      await producer.send({
        topic,
        messages: events.map((event) => {
          const envelope = {
            id: randomUUID(),
            version: 1,
            occurredAt: new Date().toISOString(),
            correlationId: randomUUID(),
            causationId: null,
            originSystem: 'cloud',
            ...event,
          };
          return {
            key: event.aggregateId,
            value: JSON.stringify(envelope),
            headers: {
              event_id: envelope.id,
              event_type: event.type,
              event_version: '1',
              'content-type': 'application/json',
            },
          };
        }),
      });
    } finally {
      await producer.disconnect();
    }
  };
  // A's event carries no VAT rate (as one published before v1 had it): 20 %. B is at 5.5 %.
  const prices: [string, number, number?][] = [
    [sku.A, 1250],
    [sku.B, 99, 550],
    [sku.C, 300, 2000],
  ];
  await publish(
    INVENTORY_EVENTS_TOPIC,
    prices.map(([code, amount, vatRate]) => {
      const stockItemId = randomUUID();
      return {
        type: 'inventory.stock-item-created',
        aggregateType: 'stock-item',
        aggregateId: stockItemId,
        aggregateVersion: 1,
        payload: {
          stockItemId,
          sku: code,
          label: `Item ${code}`,
          unitPrice: { amount, currency: 'EUR' },
          onHand: 10,
          reserved: 0,
          ...(vatRate ? { vatRate } : {}),
        },
      };
    }),
  );
  await eventually(
    async () =>
      (
        await sql<{ n: number }>('SELECT count(*)::int AS n FROM known_stock_items WHERE sku = ANY($1)', [
          Object.values(sku),
        ])
      )[0].n === 3,
    90_000,
    250,
  );
  return {
    orders,
    registerClient: async (registration) => {
      const answer = await fetch(`${clients.url}/clients`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await tokenFor()}`, 'content-type': 'application/json' },
        body: JSON.stringify(registration),
      });
      if (answer.status !== 201) throw new Error(`client-service answered ${answer.status}: ${await answer.text()}`);
      return ((await answer.json()) as { id: string }).id;
    },
    sku,
    publish,
    sql,
    close: async () => {
      await orders?.close();
      await clients.stop();
      await revoke();
    },
  };
}

/** client-service as `npm start` runs it (its own process, main.ts) on a fresh database, its outbox relay off. */
async function startClientService(): Promise<{ url: string; grpcAddress: string; stop(): Promise<void> }> {
  const db: TestDatabase = await createTestDatabase('client_for_orders', serviceRole('CLIENT'));
  const [httpPort, grpcPort, metricsPort] = [await freePort(), await freePort(), await freePort()];
  const child: ChildProcess = spawnTs('apps/client-service/src/main.ts', {
    LOG_LEVEL: 'warn',
    LEGACY_CDC: 'off',
    OUTBOX_RELAY: 'off',
    CLIENT_DATABASE: db.name,
    CLIENT_HTTP_PORT: String(httpPort),
    CLIENT_GRPC_PORT: String(grpcPort),
    CLIENT_METRICS_PORT: String(metricsPort),
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await waitForExit(child);
    }
    await db.drop();
  };
  await waitForOutput(child, /client-service ready/, 120_000).catch(async (error) => {
    await stop();
    throw error;
  });
  return { url: `http://127.0.0.1:${httpPort}`, grpcAddress: `127.0.0.1:${grpcPort}`, stop };
}

export interface OrdersBadInputWorld extends OrdersWorld {
  clientId: string;
  /** A PENDING order at version 1. */
  id: string;
}

/** The world both bad-input suites (REST and gRPC) refuse input in: a registered client and a PENDING order of theirs. */
async function startOrdersBadInputWorld(): Promise<OrdersBadInputWorld> {
  const world = await startOrdersWorld();
  const clientId = await world.registerClient({
    givenName: 'Grace',
    familyName: 'Hopper',
    email: `grace.${randomUUID().slice(0, 8)}@example.com`,
    address: { line1: '1 Navy Yard', postalCode: '20374', city: 'Washington', country: 'US' },
  });
  const id = (
    await world.orders
      .http()
      .post('/orders')
      .send({ clientId, lines: [{ sku: world.sku.A, quantity: 1 }], payment: { type: 'card', token: 'tok_ok' } })
      .expect(201)
  ).body.id;
  return Object.assign(world, { clientId, id });
}

/** The world both bad-input suites (REST and gRPC) of orders run their cases in. */
export const ordersBadInputWorld: BadInputWorld<OrdersBadInputWorld> = {
  start: startOrdersBadInputWorld,
  target: (world) => world.orders,
  close: (world) => world.close(),
};
