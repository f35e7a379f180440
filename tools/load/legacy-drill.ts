// npm run legacy:drill -- [--clients 100000 --orders 250000 --articles 5000] [--stall-seconds 300]
// Proves that every generated legacy row reaches its service (issue 14): counts each captured table in the legacy
// database and in its context (the rows its key map holds, plus the rows it set aside on its dead-letter topic),
// runs `legacy:generate` with the options given, then waits until each table's new legacy rows are all accounted
// for, showing progress. Exit 1 when a table stops moving before it balances. Needs `npm start` running.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Admin } from 'kafkajs';
import { Client } from 'pg';

const contexts = require('../infra/contexts/contexts.js');
const { toolKafka } = require('../infra/kafka/tool-kafka.js');

/** Where each captured table's rows land in its context: the key map and, for tables sharing one, which keys. */
const KEY_MAPS: Record<string, { table: string; where?: string }> = {
  CLIENTS: { table: 'legacy_client_keys' },
  STOCK: { table: 'legacy_stock_item_keys' },
  // Orders and their lines share one key map: a line's key is its composite key as JSON text.
  COMMANDES: { table: 'legacy_order_keys', where: `legacy_key NOT LIKE '{%'` },
  LIGNES_COMMANDE: { table: 'legacy_order_keys', where: `legacy_key LIKE '{%'` },
  PAIEMENTS: { table: 'legacy_payment_keys' },
  FACTURES: { table: 'legacy_invoice_keys' },
};

interface TableCounts {
  legacy: number;
  synced: number;
  quarantined: number;
}

interface CapturedTable {
  table: string;
  database: string;
  deadLetterTopic: string;
}

export function capturedTables(platform = contexts.loadContexts()): CapturedTable[] {
  const capture = contexts.captureOf(platform);
  return platform.manifests.flatMap((m: { name: string; database: string; legacyTables?: { table: string }[] }) =>
    (m.legacyTables ?? []).map(({ table }) => {
      if (!KEY_MAPS[table]) throw new Error(`legacy:drill: ${m.name} captures ${table}, which the drill cannot count`);
      return { table, database: m.database, deadLetterTopic: contexts.legacyDeadLetterTopic(m, capture, table) };
    }),
  );
}

/** The administrator setup made (it reads every database); its password from the generated secrets. */
const adminSettings = (database: string) => ({
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.BASCULE_DB_USER ?? 'bascule',
  password: process.env.BASCULE_DB_PASSWORD ?? process.env.ADMIN_DB_PASSWORD,
  database,
});

async function count(database: string, sql: string): Promise<number> {
  const db = new Client(adminSettings(database));
  await db.connect();
  try {
    const { rows } = await db.query<{ n: string }>(sql);
    return Number(rows[0].n);
  } finally {
    await db.end();
  }
}

async function recordsOn(admin: Admin, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic).catch(() => []);
  return offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
}

async function countAll(tables: CapturedTable[], legacyDb: string, admin: Admin): Promise<Map<string, TableCounts>> {
  const counts = new Map<string, TableCounts>();
  for (const { table, database, deadLetterTopic } of tables) {
    const keys = KEY_MAPS[table];
    counts.set(table, {
      legacy: await count(legacyDb, `SELECT count(*) AS n FROM "${table}"`),
      synced: await count(
        database,
        `SELECT count(*) AS n FROM ${keys.table} WHERE NOT deleted${keys.where ? ` AND ${keys.where}` : ''}`,
      ),
      quarantined: await recordsOn(admin, deadLetterTopic),
    });
  }
  return counts;
}

function generate(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'legacy:generate', '--', ...args], { stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`legacy:generate exited with ${code}`))));
  });
}

const pad = (value: string | number, width: number) => String(value).padStart(width);
const ZERO: TableCounts = { legacy: 0, synced: 0, quarantined: 0 };

export function balanceLines(before: Map<string, TableCounts>, now: Map<string, TableCounts>): string[] {
  return [...now].map(([table, n]) => {
    const b = before.get(table) ?? ZERO;
    const written = n.legacy - b.legacy;
    const arrived = n.synced - b.synced;
    const setAside = n.quarantined - b.quarantined;
    const state = arrived + setAside === written ? 'balanced' : `${written - arrived - setAside} to go`;
    return `${table.padEnd(16)} written ${pad(written, 9)} · synced ${pad(arrived, 9)} · quarantined ${pad(setAside, 6)} · ${state}`;
  });
}

const balanced = (before: Map<string, TableCounts>, now: Map<string, TableCounts>) =>
  [...now].every(([table, n]) => {
    const b = before.get(table) ?? ZERO;
    return n.synced - b.synced + n.quarantined - b.quarantined === n.legacy - b.legacy;
  });

async function main() {
  const { values } = parseArgs({
    options: {
      clients: { type: 'string', default: '100000' },
      orders: { type: 'string', default: '250000' },
      articles: { type: 'string', default: '5000' },
      seed: { type: 'string' },
      'stall-seconds': { type: 'string', default: '300' },
    },
  });
  const stallMs = Number(values['stall-seconds']) * 1000;
  const tables = capturedTables();
  const legacyDb = process.env.LEGACY_DATABASE ?? 'legacy';
  const kafka: Admin = toolKafka('bascule-legacy-drill').admin();
  await kafka.connect();
  try {
    const before = await countAll(tables, legacyDb, kafka);
    const args = ['--clients', values.clients, '--orders', values.orders, '--articles', values.articles];
    await generate(values.seed ? [...args, '--seed', values.seed] : args);
    const started = Date.now();
    let last = '';
    let movedAt = Date.now();
    for (;;) {
      const now = await countAll(tables, legacyDb, kafka);
      const lines = balanceLines(before, now);
      const snapshot = lines.join('\n');
      if (snapshot !== last) movedAt = Date.now();
      last = snapshot;
      console.log(`[drill] ${Math.round((Date.now() - started) / 1000)} s after generation\n${snapshot}`);
      if (balanced(before, now)) {
        console.log(`legacy:drill: every generated row reached its service (or was quarantined with its reason)`);
        return;
      }
      if (Date.now() - movedAt > stallMs) {
        console.error(`legacy:drill: no progress for ${values['stall-seconds']} s: the rows above never arrived`);
        process.exitCode = 1;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 10_000));
    }
  } finally {
    await kafka.disconnect();
  }
}

if (require.main === module)
  main().catch((error) => {
    console.error(`legacy:drill: ${error.message}`);
    process.exit(1);
  });
