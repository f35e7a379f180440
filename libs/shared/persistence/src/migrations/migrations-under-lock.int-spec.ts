import { createTestDatabase, serviceRole, TestDatabase } from '@bascule/shared/testing';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { databaseOptions } from '../database-options';
import { platformMigrations } from '../index';
import { openMigratedDataSource } from './migrations-under-lock';

/** Counts its own runs, and takes long enough that two unlocked replicas would both see it pending. */
class CountedMigration1999999999999 implements MigrationInterface {
  name = 'CountedMigration1999999999999';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE IF NOT EXISTS migration_runs (at timestamptz NOT NULL DEFAULT clock_timestamp())');
    await runner.query('SELECT pg_sleep(0.3)');
    await runner.query('INSERT INTO migration_runs DEFAULT VALUES');
  }
  async down(): Promise<void> {
    return;
  }
}

describe('migrations at start-up under an advisory lock (ADR 0035)', () => {
  let db: TestDatabase;
  beforeAll(async () => (db = await createTestDatabase('migrations_lock', serviceRole('CLIENT'))));
  afterAll(() => db.drop());

  it('two replicas starting at once both come up, and every migration is applied once', async () => {
    const options = databaseOptions(
      {
        service: 'client-service',
        prefix: 'CLIENT',
        migrations: [...platformMigrations, CountedMigration1999999999999],
      },
      { ...process.env, CLIENT_DATABASE: db.name, DB_POOL_SIZE: '1' },
    );
    const replicas = await Promise.all([openMigratedDataSource(options), openMigratedDataSource(options)]);
    try {
      const [first] = replicas;
      const applied: { name: string; times: string }[] = await first.query(
        'SELECT name, count(*) AS times FROM migrations GROUP BY name ORDER BY name',
      );
      expect(applied).toEqual(
        [...platformMigrations, CountedMigration1999999999999]
          .map((migration) => ({ name: new migration().name as string, times: '1' }))
          .sort((a, b) => (a.name < b.name ? -1 : 1)),
      );
      expect(await first.query('SELECT count(*)::int AS runs FROM migration_runs')).toEqual([{ runs: 1 }]);
      for (const replica of replicas) expect(await replica.showMigrations()).toBe(false);
    } finally {
      await Promise.all(replicas.map((replica) => replica.destroy()));
    }
  });
});
