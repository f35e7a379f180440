// npm run legacy:generate -- --clients 100000 --orders 250000 [--articles 5000] [--seed bascule] [--reset] [--chunk 10000]
// Fills the legacy database with reproducible volumes (same seed and starting point, same rows), appending after
// the keys it holds, chunk by chunk (one transaction each) under a plan that an interrupted run resumes.
import { parseArgs } from 'node:util';
import { ClientBase, Pool } from 'pg';
import { legacyDatabase } from '../../apps/legacy-monolith/src/legacy-database';
import { runInvoiceBatch } from '../../apps/legacy-monolith/src/batch/invoice-batch';
import { LEGACY_DATA_SQL } from './legacy-data.sql';
import {
  finishPlan,
  GenerateOptions,
  GenerationPlan,
  GenerationRefused,
  openPlan,
  Phase,
  PHASES,
  recordProgress,
} from './generation-plan';

export { GenerateOptions, GenerationRefused };

const COUNTED = ['CLIENTS', 'COMMANDES', 'LIGNES_COMMANDE', 'STOCK', 'PAIEMENTS', 'FACTURES'];

/**
 * Writes the plan's missing chunks, each with its progress in one transaction: an interruption loses at most the
 * chunk in flight (rolled back), and the next run with the same options writes the rest. An order's lines,
 * total, payment and invoice are in its chunk's transaction. Invoices follow the monolith's batch (delivered
 * orders, VAT at 20 % taken out of the total), dated on their order's day. Returns each table's row count.
 */
export async function generateLegacyData(
  pool: Pool,
  options: GenerateOptions,
  report: (line: string) => void = () => undefined,
): Promise<Record<string, number>> {
  const { plan, resumed } = await openPlan(pool, options);
  if (resumed) report(`resuming an interrupted generation (plan ${plan.id})`);
  const lastArticle = plan.first.stock + plan.volumes.stock - 1;
  const work: Record<Phase, (db: ClientBase, from: number, to: number) => Promise<unknown>> = {
    stock: (db, from, to) => db.query(LEGACY_DATA_SQL.stock, [plan.seed, from, to]),
    clients: (db, from, to) => db.query(LEGACY_DATA_SQL.clients, [plan.seed, from, to]),
    orders: async (db, from, to) => {
      await db.query(LEGACY_DATA_SQL.orders, [plan.seed, from, to, plan.first.clients, plan.volumes.clients]);
      await db.query(LEGACY_DATA_SQL.lines, [plan.seed, from, to, lastArticle]);
      await db.query(LEGACY_DATA_SQL.totals, [from, to]);
      await db.query(LEGACY_DATA_SQL.payments, [plan.seed, from, to]);
      await runInvoiceBatch(db, { orders: { from, to }, dated: 'order-day' });
    },
  };
  const labels: Record<Phase, string> = {
    stock: 'stock',
    clients: 'clients',
    orders: 'orders, lines, payments, invoices',
  };
  const chunk = options.chunk ?? 10_000;
  for (const phase of PHASES) await inChunks(pool, plan, phase, chunk, labels[phase], work[phase], report);
  await finishPlan(pool, plan);
  const counts: Record<string, number> = {};
  for (const table of COUNTED)
    counts[table] = Number((await pool.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
  return counts;
}

async function inChunks(
  pool: Pool,
  plan: GenerationPlan,
  phase: Phase,
  chunk: number,
  label: string,
  work: (db: ClientBase, from: number, to: number) => Promise<unknown>,
  report: (line: string) => void,
): Promise<void> {
  const started = Date.now();
  const total = plan.volumes[phase];
  const resumedAt = plan.done[phase];
  for (let done = resumedAt; done < total;) {
    const from = plan.first[phase] + done;
    const to = Math.min(from + chunk, plan.first[phase] + total) - 1;
    const db = await pool.connect();
    try {
      await db.query('BEGIN');
      await work(db, from, to);
      await recordProgress(db, plan, phase, to - plan.first[phase] + 1);
      await db.query('COMMIT');
    } catch (error) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      db.release();
    }
    done = plan.done[phase];
    const perSecond = (done - resumedAt) / Math.max((Date.now() - started) / 1000, 0.001);
    report(
      `[${label}] ${done.toLocaleString('en')}/${total.toLocaleString('en')} (${Math.round((done / total) * 100)}%) · ${Math.round(perSecond).toLocaleString('en')} rows/s · ETA ${Math.ceil((total - done) / perSecond)} s`,
    );
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      clients: { type: 'string', default: '100000' },
      orders: { type: 'string', default: '250000' },
      articles: { type: 'string', default: '5000' },
      chunk: { type: 'string', default: '10000' },
      seed: { type: 'string', default: 'bascule' },
      reset: { type: 'boolean', default: false },
    },
  });
  const volumes = { clients: Number(values.clients), orders: Number(values.orders), articles: Number(values.articles) };
  const chunk = Number(values.chunk);
  for (const [name, value] of Object.entries({ ...volumes, chunk: chunk - 1 }))
    if (!Number.isSafeInteger(value) || value < 0)
      throw new GenerationRefused(`--${name} must be a whole number ≥ ${name === 'chunk' ? 1 : 0}`);
  const pool = new Pool(legacyDatabase(process.env, 2));
  try {
    const counts = await generateLegacyData(
      pool,
      { ...volumes, chunk, seed: values.seed ?? 'bascule', reset: values.reset ?? false },
      (line) => process.stdout.write(process.stdout.isTTY ? `\r${line}   ` : `${line}\n`),
    );
    console.log(
      `${process.stdout.isTTY ? '\n' : ''}legacy data: ${Object.entries(counts)
        .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
        .join(', ')}`,
    );
  } finally {
    await pool.end();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof GenerationRefused ? `legacy:generate refused: ${error.message}` : error);
    process.exit(1);
  });
}
