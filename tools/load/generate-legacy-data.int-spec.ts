import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import { createTestDatabase, serviceRole, TestDatabase } from '@bascule/shared/testing';
import { generateLegacyData } from './generate-legacy-data';

describe('legacy data generator', () => {
  const dbs: TestDatabase[] = [];
  const pools: Pool[] = [];
  const schema = readFileSync(resolve(__dirname, '../../apps/legacy-monolith/sql/schema.sql'), 'utf8');

  async function freshLegacy(): Promise<Pool> {
    const db = await createTestDatabase('legacy_gen', serviceRole('LEGACY'));
    const pool = new Pool({ ...db.settings, max: 2 });
    dbs.push(db);
    pools.push(pool);
    await pool.query(schema);
    return pool;
  }
  const checksum = async (pool: Pool, table: string) =>
    (await pool.query(`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS sum FROM "${table}" t`)).rows[0].sum;

  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await Promise.all(dbs.map((db) => db.drop()));
  });

  it('fills every table with the asked volumes, the same rows for the same seed, and the quirks of old data', async () => {
    const options = { clients: 2_000, orders: 1_500, articles: 300, seed: 'test-seed', reset: false };
    const progress: string[] = [];
    const [a, b] = [await freshLegacy(), await freshLegacy()];
    const counts = await generateLegacyData(a, options, (line) => progress.push(line));
    await generateLegacyData(b, options);

    expect(counts).toMatchObject({ CLIENTS: 2_000, COMMANDES: 1_500, STOCK: 300 });
    expect(counts.LIGNES_COMMANDE).toBeGreaterThan(1_500 * 2);
    for (const table of ['CLIENTS', 'COMMANDES', 'LIGNES_COMMANDE', 'PAIEMENTS'])
      expect(await checksum(a, table)).toBe(await checksum(b, table));
    expect(progress.at(-1)).toMatch(/\[orders, lines, payments\] 1,500\/1,500 \(100%\)/);

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
});
