// npm run legacy:generate -- --clients 100000 --orders 250000 [--articles 5000] [--seed bascule] [--reset]
// Fills the legacy database with reproducible volumes (same seed, same rows), in chunks, showing progress.
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { legacyDatabase } from '../../apps/legacy-monolith/src/legacy-database';
import { LEGACY_DATA_SQL } from './legacy-data.sql';

const CHUNK = 10_000;

export interface GenerateOptions {
  clients: number;
  orders: number;
  articles: number;
  seed: string;
  reset: boolean;
}

export async function generateLegacyData(
  pool: Pool,
  options: GenerateOptions,
  report: (line: string) => void = () => undefined,
): Promise<Record<string, number>> {
  if (options.reset)
    await pool.query(`TRUNCATE "FACTURES", "PAIEMENTS", "LIGNES_COMMANDE", "COMMANDES", "CLIENTS", "STOCK"`);
  const firstOrder = 500_001;
  await inChunks(
    'stock',
    1,
    options.articles,
    (from, to) => pool.query(LEGACY_DATA_SQL.stock, [options.seed, from, to]),
    report,
  );
  await inChunks(
    'clients',
    1,
    options.clients,
    (from, to) => pool.query(LEGACY_DATA_SQL.clients, [options.seed, from, to]),
    report,
  );
  await inChunks(
    'orders, lines, payments',
    firstOrder,
    firstOrder + options.orders - 1,
    async (from, to) => {
      await pool.query(LEGACY_DATA_SQL.orders, [options.seed, from, to, 1, options.clients]);
      await pool.query(LEGACY_DATA_SQL.lines, [options.seed, from, to, options.articles]);
      await pool.query(LEGACY_DATA_SQL.totals, [from, to]);
      await pool.query(LEGACY_DATA_SQL.payments, [options.seed, from, to]);
    },
    report,
  );
  await pool.query(
    `SELECT setval('"SEQ_CLIENTS"', GREATEST((SELECT max("NO_CLIENT") FROM "CLIENTS"), 999)), setval('"SEQ_COMMANDES"', GREATEST((SELECT max("NO_COMMANDE") FROM "COMMANDES"), 500000)), setval('"SEQ_PAIEMENTS"', GREATEST((SELECT max("NO_PAIEMENT") FROM "PAIEMENTS"), 1))`,
  );
  const counts: Record<string, number> = {};
  for (const table of ['CLIENTS', 'COMMANDES', 'LIGNES_COMMANDE', 'STOCK', 'PAIEMENTS'])
    counts[table] = Number((await pool.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
  return counts;
}

async function inChunks(
  label: string,
  first: number,
  last: number,
  work: (from: number, to: number) => Promise<unknown>,
  report: (line: string) => void,
): Promise<void> {
  const started = Date.now();
  const total = last - first + 1;
  for (let from = first; from <= last; from += CHUNK) {
    const to = Math.min(from + CHUNK - 1, last);
    await work(from, to);
    const done = to - first + 1;
    const perSecond = done / Math.max((Date.now() - started) / 1000, 0.001);
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
      seed: { type: 'string', default: 'bascule' },
      reset: { type: 'boolean', default: false },
    },
  });
  const pool = new Pool(legacyDatabase(process.env, 2));
  const counts = await generateLegacyData(
    pool,
    {
      clients: Number(values.clients),
      orders: Number(values.orders),
      articles: Number(values.articles),
      seed: values.seed ?? 'bascule',
      reset: values.reset ?? false,
    },
    (line) => process.stdout.write(`\r${line}   `),
  );
  console.log(
    `\nlegacy data: ${Object.entries(counts)
      .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
      .join(', ')}`,
  );
  await pool.end();
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
