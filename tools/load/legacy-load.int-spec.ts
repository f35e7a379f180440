import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import {
  createTestDatabase,
  freePort,
  serviceRole,
  spawnTs,
  TestDatabase,
  waitForExit,
  waitForOutput,
} from '@bascule/shared/testing';
import { runLegacyLoad } from './legacy-load';

describe('legacy load generator', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('legacy_load', serviceRole('LEGACY'));
    pool = new Pool({ ...db.settings, max: 2 });
    await pool.query(readFileSync(resolve(__dirname, '../../apps/legacy-monolith/sql/schema.sql'), 'utf8'));
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('writes through the legacy API: every request it counts as done is in the database', async () => {
    const port = await freePort();
    const monolith = spawnTs('apps/legacy-monolith/src/main.ts', {
      LEGACY_DATABASE: db.name,
      LEGACY_HTTP_PORT: String(port),
    });
    try {
      await waitForOutput(monolith, /legacy-monolith ready/);
      const result = await runLegacyLoad({ url: `http://127.0.0.1:${port}`, rate: 40, seconds: 2 });
      expect(result).toMatchObject({ sent: 80, errors: 0 });
      expect(result.created + result.updated + result.read).toBe(80);
      expect(Number((await pool.query(`SELECT count(*) AS n FROM "CLIENTS"`)).rows[0].n)).toBe(result.created);
      expect(
        Number((await pool.query(`SELECT count(*) AS n FROM "CLIENTS" WHERE "VILLE" LIKE 'VILLE%'`)).rows[0].n),
      ).toBeGreaterThan(0);
    } finally {
      monolith.kill('SIGTERM');
      await waitForExit(monolith);
    }
  });
});
