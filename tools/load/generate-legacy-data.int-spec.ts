import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import {
  createTestDatabase,
  serviceRole,
  spawnTs,
  TestDatabase,
  waitForExit,
  waitForOutput,
} from '@bascule/shared/testing';
import { generateLegacyData, GenerateOptions } from './generate-legacy-data';

describe('legacy data generator', () => {
  const dbs: TestDatabase[] = [];
  const pools: Pool[] = [];
  const schema = readFileSync(resolve(__dirname, '../../apps/legacy-monolith/sql/schema.sql'), 'utf8');

  async function freshLegacy(): Promise<{ db: TestDatabase; pool: Pool }> {
    const db = await createTestDatabase('legacy_gen', serviceRole('LEGACY'));
    const pool = new Pool({ ...db.settings, max: 2 });
    dbs.push(db);
    pools.push(pool);
    await pool.query(schema);
    return { db, pool };
  }
  /** A table's rows as one digest; `without` leaves out a key legacy takes from a sequence. */
  const checksum = async (pool: Pool, table: string, without?: string) =>
    (
      await pool.query(
        `SELECT md5(string_agg(r::text, '|' ORDER BY r::text)) AS sum FROM (SELECT to_jsonb(t) ${without ? `- '${without}'` : ''} AS r FROM "${table}" t) x`,
      )
    ).rows[0].sum;
  const count = async (pool: Pool, table: string) =>
    Number((await pool.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
  const countAll = async (pool: Pool) => {
    const tables = ['STOCK', 'CLIENTS', 'COMMANDES', 'LIGNES_COMMANDE', 'PAIEMENTS', 'FACTURES'];
    return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(pool, t)] as const)));
  };
  /** Every delivered order with its one invoice, VAT at 20 % taken out of its total, dated on its day; nothing else invoiced. */
  const invoicesFollowTheBatch = async (pool: Pool) => {
    const [check] = (
      await pool.query(`SELECT
        (SELECT count(*) FROM "COMMANDES" WHERE "STATUT" = 'L') AS delivered,
        (SELECT count(*) FROM "FACTURES" f JOIN "COMMANDES" c USING ("NO_COMMANDE")
          WHERE c."STATUT" = 'L' AND f."MONTANT_TTC" = c."MONTANT_TOTAL" AND f."MONTANT_HT" = round(c."MONTANT_TOTAL" / 1.2, 2)
            AND f."MONTANT_HT" + f."TVA" = f."MONTANT_TTC" AND f."DATE_FACTURE" = c."DATE_COMMANDE") AS right,
        (SELECT count(*) FROM "FACTURES") AS invoices`)
    ).rows;
    expect(Number(check.delivered)).toBeGreaterThan(0);
    expect(check.right).toBe(check.delivered);
    expect(check.invoices).toBe(check.delivered);
  };

  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await Promise.all(dbs.map((db) => db.drop()));
  });

  it('fills every table with the asked volumes, the same rows for the same seed, and the quirks of old data', async () => {
    const options = { clients: 2_000, orders: 1_500, articles: 300, seed: 'test-seed', reset: false };
    const progress: string[] = [];
    const [{ pool: a }, { pool: b }] = [await freshLegacy(), await freshLegacy()];
    const counts = await generateLegacyData(a, options, (line) => progress.push(line));
    await generateLegacyData(b, options);

    expect(counts).toMatchObject({ CLIENTS: 2_000, COMMANDES: 1_500, STOCK: 300 });
    expect(counts.LIGNES_COMMANDE).toBeGreaterThan(1_500 * 2);
    expect(counts.FACTURES).toBeGreaterThan(0);
    for (const table of ['CLIENTS', 'COMMANDES', 'LIGNES_COMMANDE', 'PAIEMENTS', 'FACTURES'])
      expect(await checksum(a, table)).toBe(await checksum(b, table));
    expect(progress.at(-1)).toMatch(/\[orders, lines, payments, invoices\] 1,500\/1,500 \(100%\)/);
    await invoicesFollowTheBatch(a);

    const [quirks] = (
      await a.query(
        `SELECT count(*) FILTER (WHERE "EMAIL" IS NULL) AS no_email, count(*) FILTER (WHERE "PAYS" IS NULL) AS france, count(*) FILTER (WHERE "DATE_CREATION" ~ '^\\d{2}/\\d{2}/\\d{4}$') AS dates FROM "CLIENTS"`,
      )
    ).rows;
    expect(Number(quirks.no_email)).toBeGreaterThan(0);
    expect(Number(quirks.france)).toBeGreaterThan(1_500);
    expect(Number(quirks.dates)).toBe(2_000);
    const [{ next }] = (await a.query(`SELECT nextval('"SEQ_CLIENTS"') AS next`)).rows;
    expect(Number(next)).toBe(2_001);
  });

  it('appends after the keys a filled database holds (its own and the legacy API’s), every order with its invoice', async () => {
    const { pool } = await freshLegacy();
    const options: GenerateOptions = { clients: 300, orders: 400, articles: 50, seed: 'again', reset: false };
    await generateLegacyData(pool, options);
    // What the legacy API writes meanwhile takes its keys from the sequences.
    await pool.query(`INSERT INTO "CLIENTS" ("NOM") VALUES ('API')`);
    await pool.query(
      `INSERT INTO "COMMANDES" ("NO_CLIENT", "STATUT", "MONTANT_TOTAL", "DATE_COMMANDE") VALUES (301, 'L', 12.00, '06/12/2026')`,
    );
    // An invoice keyed by hand beyond its sequence, as fifteen years of scripts did.
    await pool.query(`INSERT INTO "FACTURES" VALUES (5000, 500401, 10, 2, 12, '06/12/2026')`);
    const before = await countAll(pool);

    const counts = await generateLegacyData(pool, options);

    expect(counts).toMatchObject({ CLIENTS: 601, COMMANDES: 801, STOCK: 100 });
    expect(counts.LIGNES_COMMANDE).toBeGreaterThan(before.LIGNES_COMMANDE);
    const keys = (
      await pool.query(`SELECT min("NO_CLIENT") AS low, max("NO_CLIENT") AS high FROM "CLIENTS" WHERE "NOM" <> 'API'`)
    ).rows[0];
    expect([keys.low, keys.high]).toEqual([1, 601]);
    const { rows: orders } = await pool.query(`SELECT max("NO_COMMANDE") AS high FROM "COMMANDES"`);
    expect(orders[0].high).toBe(500_801);
    await invoicesFollowTheBatch(pool);
    const { rows: numbers } = await pool.query(
      `SELECT min("NO_FACTURE") AS low, count(*) AS n FROM "FACTURES" WHERE "NO_COMMANDE" > 500401`,
    );
    expect(numbers[0].low).toBe(5_001);
    expect(Number(numbers[0].n)).toBe(counts.FACTURES - before.FACTURES);
    const [next] = (
      await pool.query(`SELECT nextval('"SEQ_CLIENTS"') AS client, nextval('"SEQ_COMMANDES"') AS commande`)
    ).rows;
    expect(next).toEqual({ client: '602', commande: '500802' });
  });

  it('interrupted (the process killed mid-chunk), leaves whole chunks only, refuses other options, and completes what an uninterrupted run writes', async () => {
    const [{ db, pool }, { pool: reference }] = [await freshLegacy(), await freshLegacy()];
    const options: GenerateOptions = {
      clients: 1_000,
      orders: 12_000,
      articles: 100,
      seed: 'cut',
      reset: false,
      chunk: 1_000,
    };
    const args = ['--clients', '1000', '--orders', '12000', '--articles', '100', '--seed', 'cut', '--chunk', '1000'];
    const env = { LEGACY_DATABASE: db.name, PGUSER: db.settings.user, PGPASSWORD: db.settings.password };
    const cut = spawnTs('tools/load/generate-legacy-data.ts', env, args);
    await waitForOutput(cut, /\[orders, lines, payments, invoices\] 2,000\/12,000/);
    cut.kill('SIGKILL');
    await waitForExit(cut);

    const left = await countAll(pool);
    expect(left.COMMANDES % 1_000).toBe(0);
    expect(left.COMMANDES).toBeGreaterThanOrEqual(2_000);
    expect(left.COMMANDES).toBeLessThan(12_000);
    const [orphans] = (
      await pool.query(`SELECT count(*) FILTER (WHERE "MONTANT_TOTAL" IS NULL) AS untotalled FROM "COMMANDES"`)
    ).rows;
    expect(Number(orphans.untotalled)).toBe(0);

    const other = spawnTs('tools/load/generate-legacy-data.ts', env, [
      '--clients',
      '5',
      '--orders',
      '5',
      '--articles',
      '5',
    ]);
    let said = '';
    other.stderr?.on('data', (chunk: Buffer) => (said += chunk.toString()));
    expect(await waitForExit(other)).toBe(1);
    expect(said).toMatch(
      /an interrupted generation .* is not finished: .* same volumes and seed .* or start over with --reset/,
    );
    expect(await countAll(pool)).toEqual(left);

    const resumed = spawnTs('tools/load/generate-legacy-data.ts', env, args);
    let printed = '';
    resumed.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    expect(await waitForExit(resumed)).toBe(0);
    expect(printed).toMatch(/resuming an interrupted generation/);
    await generateLegacyData(reference, options);
    expect(await countAll(pool)).toEqual(await countAll(reference));
    for (const table of ['STOCK', 'CLIENTS', 'COMMANDES', 'LIGNES_COMMANDE'])
      expect(await checksum(pool, table)).toBe(await checksum(reference, table));
    // Payments and invoices take their numbers from legacy's sequences: the chunk rolled back used some.
    expect(await checksum(pool, 'PAIEMENTS', 'NO_PAIEMENT')).toBe(
      await checksum(reference, 'PAIEMENTS', 'NO_PAIEMENT'),
    );
    expect(await checksum(pool, 'FACTURES', 'NO_FACTURE')).toBe(await checksum(reference, 'FACTURES', 'NO_FACTURE'));
    await invoicesFollowTheBatch(pool);
  }, 120_000);
});
