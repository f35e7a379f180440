import { ClientBase, Pool } from 'pg';

/** What a run is asked for (`npm run legacy:generate -- --clients N --orders N --articles N --seed S [--reset]`). */
export interface GenerateOptions {
  clients: number;
  orders: number;
  articles: number;
  seed: string;
  reset: boolean;
  /** Orders (clients, articles) a transaction writes; 10,000 by default. */
  chunk?: number;
}

/** The phases in their order: an order names its client and its lines name articles. */
export const PHASES = ['stock', 'clients', 'orders'] as const;
export type Phase = (typeof PHASES)[number];

/**
 * One generation: the key ranges it writes, fixed (and taken from legacy's sequences) before its first row, and how
 * many rows of each phase its committed chunks hold. Interrupted, it is resumed by the next run with the same
 * volumes and seed, which writes only the chunks still missing.
 */
export interface GenerationPlan {
  id: number;
  seed: string;
  volumes: Record<Phase, number>;
  first: Record<Phase, number>;
  done: Record<Phase, number>;
}

/** A run refused before it wrote anything, with what to do instead. */
export class GenerationRefused extends Error {}

const PLAN = 'bascule_generation_plan';
const DDL = `CREATE TABLE IF NOT EXISTS "${PLAN}" (
  id serial PRIMARY KEY, seed text NOT NULL, started_at timestamptz NOT NULL DEFAULT now(), finished boolean NOT NULL DEFAULT false,
  articles int NOT NULL, clients int NOT NULL, orders int NOT NULL,
  first_article int NOT NULL, first_client int NOT NULL, first_order int NOT NULL,
  stock_done int NOT NULL DEFAULT 0, clients_done int NOT NULL DEFAULT 0, orders_done int NOT NULL DEFAULT 0)`;
const LEGACY_TABLES = `"FACTURES", "PAIEMENTS", "LIGNES_COMMANDE", "COMMANDES", "CLIENTS", "STOCK"`;

/** The last value a sequence gave, 0 when it never gave one. */
const used = (sequence: string) => `(SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM "${sequence}")`;
/** Moves a sequence past the table's highest key (rows written with explicit keys); never back. */
const pastHighest = (sequence: string, table: string, key: string) =>
  `SELECT setval('"${sequence}"', m) FROM (SELECT max("${key}") AS m FROM "${table}") t WHERE m > ${used(sequence)}`;

/**
 * The run's plan: the unfinished one when its volumes and seed are these (resumed), else a new one appending after
 * every key the tables and sequences hold. Refused, before anything is written, while another unfinished plan
 * differs, and for volumes that cannot make consistent rows.
 */
export async function openPlan(
  pool: Pool,
  options: GenerateOptions,
): Promise<{ plan: GenerationPlan; resumed: boolean }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(DDL);
    // Two generators at once would plan the same ranges: the second waits for the first's plan.
    await client.query(`LOCK TABLE "${PLAN}" IN EXCLUSIVE MODE`);
    if (options.reset) await client.query(`TRUNCATE ${LEGACY_TABLES}, "${PLAN}"`);
    const [unfinished] = (await client.query(`SELECT * FROM "${PLAN}" WHERE NOT finished ORDER BY id LIMIT 1`)).rows;
    if (unfinished) {
      const plan = planOf(unfinished);
      const asked: Record<Phase, number> = {
        stock: options.articles,
        clients: options.clients,
        orders: options.orders,
      };
      if (plan.seed !== options.seed || PHASES.some((phase) => asked[phase] !== plan.volumes[phase]))
        throw new GenerationRefused(
          `an interrupted generation (${describe(plan)}) is not finished: run it again with the same volumes and seed to complete it, or start over with --reset (empties the legacy tables)`,
        );
      await client.query('COMMIT');
      return { plan, resumed: true };
    }
    const plan = await newPlan(client, options);
    await client.query('COMMIT');
    return { plan, resumed: false };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

async function newPlan(client: ClientBase, options: GenerateOptions): Promise<GenerationPlan> {
  const [first] = (
    await client.query(`SELECT
      1 + coalesce((SELECT max(substring("REF_ARTICLE" FROM '^ART-(\\d+)$')::int) FROM "STOCK"), 0) AS stock,
      1 + GREATEST(coalesce((SELECT max("NO_CLIENT") FROM "CLIENTS"), 0), ${used('SEQ_CLIENTS')}) AS clients,
      1 + GREATEST(coalesce((SELECT max("NO_COMMANDE") FROM "COMMANDES"), 0), ${used('SEQ_COMMANDES')}, 500000) AS orders`)
  ).rows;
  if (options.orders > 0 && options.clients === 0)
    throw new GenerationRefused('orders are placed by the clients a run generates: give --clients too');
  if (options.orders > 0 && Number(first.stock) - 1 + options.articles === 0)
    throw new GenerationRefused('order lines name articles: give --articles too (the legacy database has none)');
  // The ranges taken from legacy's own sequences now: what the legacy API creates meanwhile comes after them.
  if (options.clients > 0)
    await client.query(`SELECT setval('"SEQ_CLIENTS"', $1::int)`, [Number(first.clients) + options.clients - 1]);
  if (options.orders > 0)
    await client.query(`SELECT setval('"SEQ_COMMANDES"', $1::int)`, [Number(first.orders) + options.orders - 1]);
  await client.query(pastHighest('SEQ_PAIEMENTS', 'PAIEMENTS', 'NO_PAIEMENT'));
  await client.query(pastHighest('SEQ_FACTURES', 'FACTURES', 'NO_FACTURE'));
  const [row] = (
    await client.query(
      `INSERT INTO "${PLAN}" (seed, articles, clients, orders, first_article, first_client, first_order)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [options.seed, options.articles, options.clients, options.orders, first.stock, first.clients, first.orders],
    )
  ).rows;
  return planOf(row);
}

/** Records, in the chunk's own transaction, that a phase's rows up to `done` are written. */
export async function recordProgress(
  client: ClientBase,
  plan: GenerationPlan,
  phase: Phase,
  done: number,
): Promise<void> {
  await client.query(`UPDATE "${PLAN}" SET ${phase}_done = $2 WHERE id = $1`, [plan.id, done]);
  plan.done[phase] = done;
}

export async function finishPlan(pool: Pool, plan: GenerationPlan): Promise<void> {
  await pool.query(`UPDATE "${PLAN}" SET finished = true WHERE id = $1`, [plan.id]);
}

function planOf(row: Record<string, string | number>): GenerationPlan {
  const n = (column: string) => Number(row[column]);
  return {
    id: n('id'),
    seed: String(row.seed),
    volumes: { stock: n('articles'), clients: n('clients'), orders: n('orders') },
    first: { stock: n('first_article'), clients: n('first_client'), orders: n('first_order') },
    done: { stock: n('stock_done'), clients: n('clients_done'), orders: n('orders_done') },
  };
}

const describe = (plan: GenerationPlan) =>
  `--articles ${plan.volumes.stock} --clients ${plan.volumes.clients} --orders ${plan.volumes.orders} --seed ${plan.seed}; ` +
  `done: ${plan.done.stock} articles, ${plan.done.clients} clients, ${plan.done.orders} orders`;
