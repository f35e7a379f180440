import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { billingDatabase } from '@bascule/billing/infrastructure';
import { inventoryDatabase } from '@bascule/inventory/infrastructure';
import { ordersDatabase } from '@bascule/orders/infrastructure';
import { paymentDatabase } from '@bascule/payment/infrastructure';
import { ContextDatabase, databaseOptions } from '@bascule/shared/persistence';
import { createTestDatabase, serviceRole, TestDatabase } from '@bascule/shared/testing';
import { progress } from './bench-kit';
import { ordersContext, stockReservationsContext } from './http-seeded-contexts';
import { Confirmations } from './saga-load';

/** The four participants' databases of one side, by context; the orchestrator's is the engine side's own. */
export const PARTICIPANTS = {
  orders: ordersDatabase,
  inventory: inventoryDatabase,
  payment: paymentDatabase,
  billing: billingDatabase,
} satisfies Record<string, ContextDatabase>;
export type Participant = keyof typeof PARTICIPANTS;
export type ContextDatabases = Record<Participant, TestDatabase>;

/**
 * A fresh database per participant for one side (`test_bench_saga_<side>_<context>_…`), owned by the context's role
 * and migrated with its migrations, then seeded alike: the clients and catalogue orders keeps (every client ACTIVE,
 * 2,000 skus) and those skus' stock, plenty on hand (the HTTP part's seeds: no saga of the run is short of stock);
 * and the trigger that stamps each confirmation (`Confirmations`).
 */
export async function contextDatabases(side: string): Promise<ContextDatabases> {
  const made: Partial<ContextDatabases> = {};
  try {
    for (const [name, context] of Object.entries(PARTICIPANTS) as [Participant, ContextDatabase][]) {
      const db = await createTestDatabase(`bench_saga_${side}_${name}`, serviceRole(context.prefix));
      made[name] = db;
      const env = { ...process.env, [`${context.prefix}_DATABASE`]: db.name };
      await (await new DataSource(databaseOptions(context, env)).initialize()).destroy(); // migrations
    }
    const dbs = made as ContextDatabases;
    progress(
      `${side}: ${Object.values(dbs)
        .map((db) => db.name)
        .join(', ')} migrated; seeding clients, catalogue and stock`,
    );
    const plan = { seconds: 0, rates: [] };
    await ordersContext.seed?.(dbs.orders, plan);
    await stockReservationsContext.seed?.(dbs.inventory, plan);
    await Confirmations.install(dbs.orders.name);
    return dbs;
  } catch (error) {
    await dropAll(made);
    throw error;
  }
}

export async function dropAll(dbs: Partial<ContextDatabases>): Promise<void> {
  for (const db of Object.values(dbs)) await db.drop().catch(() => undefined);
}

/** Orders of this side by status (what a stalled run reports). */
export async function orderStatuses(db: TestDatabase): Promise<string> {
  const pool = new Pool({ ...db.settings, max: 1 });
  try {
    const { rows } = await pool.query<{ status: string; n: string }>(
      'SELECT status, count(*) AS n FROM orders GROUP BY status ORDER BY status',
    );
    return `orders ${rows.map((r) => `${r.status} ${r.n}`).join(', ') || 'none'}`;
  } finally {
    await pool.end();
  }
}

export function urlOf(db: TestDatabase): string {
  const { user, password, host, port } = db.settings;
  return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/${db.name}`;
}
