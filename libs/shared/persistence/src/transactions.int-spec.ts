import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@bascule/shared/testing';
import { executorOf, inTransaction, outsideTransaction, poolOf, PoolQueryInTransaction, SqlRows } from './transactions';

/** The service's pool as adapters get it (`poolOf`), on PostgreSQL. */
describe('transactions on the service pool', () => {
  let db: TestDatabase;
  let pool: Pool;
  const count = (sql: SqlRows) => sql.query(`SELECT count(*)::int AS n FROM marks`);

  beforeAll(async () => {
    db = await createTestDatabase('transactions');
    pool = poolOf({ driver: { master: new Pool({ ...db.settings, max: 2 }) } } as unknown as DataSource);
    await pool.query(`CREATE TABLE marks (n int)`);
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('refuses pool.query beside a transaction on the pool under way in the same call: executorOf joins it, outsideTransaction says so', async () => {
    await inTransaction(pool, async (tx) => {
      await tx.query(`INSERT INTO marks VALUES (1)`);
      expect(() => pool.query(`SELECT 1`)).toThrow(PoolQueryInTransaction);
      expect(await count(executorOf(pool))).toEqual([{ n: 1 }]);
      expect(await count(outsideTransaction(pool))).toEqual([{ n: 0 }]); // deliberately beside it
    });
    expect((await pool.query(`SELECT count(*)::int AS n FROM marks`)).rows).toEqual([{ n: 1 }]);
    expect(poolOf({ driver: { master: pool } } as unknown as DataSource)).toBe(pool);
  });

  it('gives work a transaction left running after its commit the pool, not the connection it gave back', async () => {
    let resume!: () => void;
    const later = new Promise<void>((resolve) => (resume = resolve));
    let lingering!: Promise<unknown>;
    await inTransaction(pool, async () => {
      lingering = later.then(() => count(executorOf(pool)));
    });
    const committed = await count(executorOf(pool));
    // The connection given back is the next one taken: another transaction writes on it and has not committed.
    await inTransaction(pool, async (tx) => {
      await tx.query(`INSERT INTO marks VALUES (2)`);
      resume();
      expect(await lingering).toEqual(committed); // not that transaction's row
    });
  });
});
