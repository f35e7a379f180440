import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { BILLING_EVENTS_TOPIC } from '@bascule/billing/contracts';
import { ORDERS_EVENTS_TOPIC } from '@bascule/orders/contracts';
import { eventually, importRealmAdditions, RunningService, startTestService, testKafka } from '@bascule/shared/testing';
import { Client } from 'pg';
import { createBillingApp } from '../src/billing-service';

const REALM = join(__dirname, '../../../tools/infra/keycloak/realm-bascule.json');

export interface BillingWorld {
  billing: RunningService;
  /**
   * An order as orders publishes it on the real broker (placed with two lines: 3 × 19.99 and 1 × 0.63 EUR, then,
   * unless `status` says otherwise, confirmed), once billing's consumer has kept it.
   */
  order(status?: 'CONFIRMED' | 'PENDING' | 'SHIPPED'): Promise<string>;
  sql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * billing-service in this process on a fresh database, the real broker and Keycloak (the realm's billing roles
 * and billing-service client imported as `npm start` would, and removed after).
 */
export async function startBillingWorld(): Promise<BillingWorld> {
  const revoke = await importRealmAdditions(REALM);
  const billing = await startTestService({
    prefix: 'BILLING',
    topics: [BILLING_EVENTS_TOPIC, `${BILLING_EVENTS_TOPIC}.dlq`, ORDERS_EVENTS_TOPIC, `${ORDERS_EVENTS_TOPIC}.dlq`],
    create: createBillingApp,
  });
  const sql = async <T>(text: string, values: unknown[] = []) => {
    const client = new Client(billing.db.settings);
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  };
  const producer = testKafka('billing-e2e').producer();
  await producer.connect();
  const publish = (events: { type: string; aggregateId: string; aggregateVersion: number; payload: object }[]) =>
    producer.send({
      topic: ORDERS_EVENTS_TOPIC,
      messages: events.map((event) => {
        const envelope = {
          id: randomUUID(),
          version: 1,
          occurredAt: new Date().toISOString(),
          correlationId: randomUUID(),
          causationId: null,
          originSystem: 'cloud',
          aggregateType: 'order',
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
  const order = async (status: 'CONFIRMED' | 'PENDING' | 'SHIPPED' = 'CONFIRMED') => {
    const orderId = randomUUID();
    const eur = (amount: number) => ({ amount, currency: 'EUR' });
    const lines = [
      { orderLineId: randomUUID(), sku: 'E2E-A', quantity: 3, unitPrice: eur(1999), lineTotal: eur(5997) },
      { orderLineId: randomUUID(), sku: 'E2E-B', quantity: 1, unitPrice: eur(63), lineTotal: eur(63) },
    ];
    const placed = {
      type: 'orders.order-placed',
      aggregateId: orderId,
      aggregateVersion: 1,
      payload: {
        orderId,
        clientId: randomUUID(),
        total: eur(6060),
        status: 'PENDING',
        reason: null,
        lines,
        payment: { type: 'card', token: 'tok_ok' },
      },
    };
    const after = (type: string, version: number, next: string) => ({
      type,
      aggregateId: orderId,
      aggregateVersion: version,
      payload: { orderId, status: next },
    });
    const events = [placed];
    if (status !== 'PENDING') events.push(after('orders.order-confirmed', 2, 'CONFIRMED') as typeof placed);
    if (status === 'SHIPPED') events.push(after('orders.order-shipped', 3, 'SHIPPED') as typeof placed);
    await publish(events);
    await eventually(
      async () =>
        (await sql<{ status: string }>('SELECT status FROM known_orders WHERE id = $1', [orderId]))[0]?.status ===
        status,
      90_000,
      200,
    );
    return orderId;
  };
  return {
    billing,
    order,
    sql,
    close: async () => {
      await producer.disconnect();
      await billing.close();
      await revoke();
    },
  };
}
