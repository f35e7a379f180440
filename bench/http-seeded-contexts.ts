import { createHash, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { billingDatabase } from '@bascule/billing/infrastructure';
import { StockItemId } from '@bascule/inventory/domain';
import { inventoryDatabase } from '@bascule/inventory/infrastructure';
import { ordersDatabase } from '@bascule/orders/infrastructure';
import { TestDatabase } from '@bascule/shared/testing';
import { progress } from './bench-kit';
import { HttpWriteContext, realmRoles, RunPlan } from './http-contexts';

// The write paths that read what other contexts told theirs (orders: clients and catalogue; billing: confirmed
// orders; inventory's reservations: stock items). Both sides' databases get the same rows before the runs.

/**
 * Skus the seeded catalogue and stock hold; each request takes `LINES` of them at random, so two requests in flight
 * seldom share one.
 */
const SKUS = Array.from({ length: 2_000 }, (_, i) => `BENCH-SKU-${String(i).padStart(4, '0')}`);
const LINES = 3;
const CLIENTS = Array.from({ length: 100 }, () => randomUUID());

const pick = <T>(values: readonly T[]): T => values[Math.floor(Math.random() * values.length)];
/** `count` distinct skus (an order and a reservation hold one line per sku). */
const distinctSkus = (count: number): string[] => {
  const chosen = new Set<string>();
  while (chosen.size < count) chosen.add(pick(SKUS));
  return [...chosen];
};
const priceOf = (sku: string) => 100 + (Number(sku.slice(-4)) % 50) * 37;

async function inDatabase(db: TestDatabase, work: (pool: Pool) => Promise<void>): Promise<void> {
  const pool = new Pool({ ...db.settings, max: 1 });
  try {
    await work(pool);
  } finally {
    await pool.end();
  }
}

export const ordersContext: HttpWriteContext = {
  part: 'orders',
  path: '/orders',
  service: 'orders-service',
  entry: 'apps/orders-service/src/main.ts',
  prefix: 'ORDERS',
  database: ordersDatabase,
  baselineRoute: 'orders',
  body: () => ({
    clientId: pick(CLIENTS),
    lines: distinctSkus(LINES).map((sku) => ({ sku, quantity: 1 + Math.floor(Math.random() * 5) })),
    payment: { type: 'card', token: 'tok_ok' },
  }),
  around: realmRoles,
  // The clients and the catalogue as orders keeps them from client.events.v1 and inventory.events.v1: every
  // client known and ACTIVE, so neither side asks client-service (the call is for a client not seen yet).
  seed: (db) =>
    inDatabase(db, async (pool) => {
      await pool.query(`INSERT INTO known_clients (id, version, status) SELECT unnest($1::text[]), 1, 'ACTIVE'`, [
        CLIENTS,
      ]);
      await pool.query(
        `INSERT INTO known_stock_items (id, version, sku, label, unit_price)
         SELECT m.id, 1, m.sku, 'Bench item', jsonb_build_object('amount', m.amount, 'currency', 'EUR')
         FROM unnest($1::text[], $2::text[], $3::bigint[]) AS m (id, sku, amount)`,
        [SKUS.map((sku) => StockItemId.forSku(sku).value), SKUS, SKUS.map(priceOf)],
      );
    }),
};

/**
 * The id of the n-th confirmed order the billing seed writes: the md5 of its name with a version-4 uuid's version
 * and variant digits (the same in SQL: ORDER_ID_SQL), as billing checks its ids.
 */
const seededOrderId = (n: number) => {
  const hex = createHash('md5').update(`bench-order-${n}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
};
const ORDER_ID_SQL = `overlay(overlay(md5('bench-order-' || n) placing '4' from 13) placing '8' from 17)::uuid::text`;
/** Requests of a part at most, both sides: warm-up, each fixed rate offered in full, saturation at ≤ 3,000/s. */
const ordersToInvoice = ({ seconds, rates }: RunPlan) =>
  2 * (200 + seconds * (rates.reduce((a, b) => a + b, 0) + 3_000));
let nextInvoicedOrder = 0;

export const invoicesContext: HttpWriteContext = {
  part: 'billing',
  path: '/invoices',
  service: 'billing-service',
  entry: 'apps/billing-service/src/main.ts',
  prefix: 'BILLING',
  database: billingDatabase,
  baselineRoute: 'invoices',
  // One invoice per order: each request invoices the next seeded order (both sides draw from one sequence).
  body: () => ({ orderId: seededOrderId(nextInvoicedOrder++) }),
  around: realmRoles,
  // Confirmed orders of three lines as billing keeps them from orders.events.v1, enough for every request.
  seed: (db, plan) =>
    inDatabase(db, async (pool) => {
      const count = ordersToInvoice(plan);
      progress(`${db.name}: ${count} confirmed orders known to billing`);
      await pool.query(
        `INSERT INTO known_orders (id, version, status, total, lines)
         SELECT ${ORDER_ID_SQL}, 2, 'CONFIRMED', jsonb_build_object('amount', 7470, 'currency', 'EUR'),
           (SELECT jsonb_agg(jsonb_build_object('orderLineId', gen_random_uuid(), 'sku', 'BENCH-SKU-' || l,
              'quantity', l, 'unitPrice', jsonb_build_object('amount', 1245, 'currency', 'EUR')) ORDER BY l)
            FROM generate_series(1, 3) AS l)
         FROM generate_series(0, $1::int - 1) AS n`,
        [count],
      );
    }),
};

/** Plenty on hand: no reservation of the run is short (a rejection is an outcome, but not the path measured). */
const ON_HAND = 1_000_000_000;

export const stockReservationsContext: HttpWriteContext = {
  part: 'reservations',
  path: '/stock-reservations',
  service: 'inventory-service',
  entry: 'apps/inventory-service/src/main.ts',
  prefix: 'INVENTORY',
  database: inventoryDatabase,
  baselineRoute: 'stock-reservations',
  // An order's lines, reserved all or none (the saga reserves this way over gRPC; REST runs the same command).
  body: () => ({
    orderId: randomUUID(),
    lines: distinctSkus(LINES).map((sku) => ({ sku, quantity: 1 + Math.floor(Math.random() * 3) })),
  }),
  around: realmRoles,
  seed: (db) =>
    inDatabase(db, async (pool) => {
      await pool.query(
        `INSERT INTO stock_items (id, version, sku, label, unit_price_amount, unit_price_currency, on_hand, reserved)
         SELECT m.id, 1, m.sku, 'Bench item', m.amount, 'EUR', $4, 0
         FROM unnest($1::uuid[], $2::text[], $3::bigint[]) AS m (id, sku, amount)`,
        [SKUS.map((sku) => StockItemId.forSku(sku).value), SKUS, SKUS.map(priceOf), ON_HAND],
      );
    }),
};
