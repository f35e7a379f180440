import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

/** One key per database (advisory locks are per database): every replica of a context waits on the same one. */
const MIGRATIONS_LOCK = `hashtext('bascule.migrations')`;

/**
 * Opens a context's data source and, when its options ask for migrations at start-up (ADR 0008), runs them
 * while holding a session advisory lock on a connection of its own (ADR 0035). Two replicas starting at once:
 * the second waits, then finds every migration applied and runs none. TypeORM takes no lock itself, so without
 * this both would read "nothing applied" and run each migration twice. The lock's connection is apart from the
 * pool, so a pool of one connection still migrates; a replica that dies while migrating frees the lock with
 * its session.
 */
export async function openMigratedDataSource(options: PostgresConnectionOptions): Promise<DataSource> {
  const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
  if (!options.migrationsRun) return dataSource;
  try {
    await runMigrationsUnderLock(dataSource, options);
    return dataSource;
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
}

export async function runMigrationsUnderLock(
  dataSource: DataSource,
  options: PostgresConnectionOptions,
): Promise<void> {
  const lock = new Client({
    host: options.host,
    port: options.port,
    user: options.username,
    password: typeof options.password === 'string' ? options.password : undefined,
    database: options.database,
    application_name: 'bascule-migrations-lock',
  });
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(${MIGRATIONS_LOCK})`);
    await dataSource.runMigrations({ transaction: options.migrationsTransactionMode ?? 'each' });
  } finally {
    // Ending the session frees the lock too, even when the unlock could not be sent.
    await lock.query(`SELECT pg_advisory_unlock(${MIGRATIONS_LOCK})`).catch(() => undefined);
    await lock.end().catch(() => undefined);
  }
}
