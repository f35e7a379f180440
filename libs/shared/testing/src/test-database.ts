import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * The local PostgreSQL's administrator as `npm run setup` prepares it (`BASCULE_DB_USER`, `bascule`, and its
 * password `BASCULE_DB_PASSWORD` or the generated `ADMIN_DB_PASSWORD`); it creates a database per suite.
 */
export interface PostgresSettings {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export function postgresSettings(database = process.env.PGDATABASE ?? 'postgres'): PostgresSettings {
  return {
    host: process.env.PGHOST ?? '127.0.0.1',
    port: Number(process.env.PGPORT ?? 5432),
    user: process.env.BASCULE_DB_USER ?? 'bascule',
    password: required(process.env.BASCULE_DB_PASSWORD ?? process.env.ADMIN_DB_PASSWORD, 'ADMIN_DB_PASSWORD'),
    database,
  };
}

export interface TestDatabase {
  name: string;
  settings: PostgresSettings;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one suite; `drop()` removes it (and ends whatever still holds it). With an
 * `owner` (a service's own role, ADR 0013), the database is created for it and `settings` log in as it, so
 * the suite runs with the privileges the service has in production; the admin role is a member of it.
 */
export async function createTestDatabase(
  prefix: string,
  owner?: { user: string; password: string },
): Promise<TestDatabase> {
  const name = `test_${prefix.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await asAdmin((admin) => admin.query(`CREATE DATABASE "${name}"${owner ? ` OWNER "${owner.user}"` : ''}`));
  return {
    name,
    settings: { ...postgresSettings(name), ...(owner ?? {}) },
    drop: () => asAdmin((admin) => dropDatabase(admin, name)),
  };
}

/** Drops a database and the replication slots (Debezium's) that would otherwise keep it, and WAL, alive. */
async function dropDatabase(admin: Client, name: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    await admin.query(
      'SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE database = $1 AND active_pid IS NOT NULL',
      [name],
    );
    const { rows } = await admin.query('SELECT slot_name FROM pg_replication_slots WHERE database = $1', [name]);
    const dropped = await Promise.all(
      rows.map((r: { slot_name: string }) =>
        admin.query('SELECT pg_drop_replication_slot($1)', [r.slot_name]).then(
          () => true,
          () => false,
        ),
      ),
    );
    if (dropped.every(Boolean)) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** Runs SQL as the administrator (the role tests create databases with), e.g. for faults on a test's own database. */
export async function asAdmin<T>(work: (admin: Client) => Promise<T>): Promise<T> {
  const client = new Client(postgresSettings('postgres'));
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A service's own role as setup made it (its password loaded from ~/.bascule/secrets by tools/infra/local-secrets.js). */
export function serviceRole(prefix: string, env: NodeJS.ProcessEnv = process.env): { user: string; password: string } {
  const role = prefix === 'LEGACY' ? 'bascule_legacy_monolith' : `bascule_${prefix.toLowerCase()}_service`;
  return {
    user: env[`${prefix}_DB_USER`] ?? role,
    password: required(env[`${prefix}_DB_PASSWORD`], `${prefix}_DB_PASSWORD`),
  };
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is not set: run npm run setup (it generates ~/.bascule/secrets/postgres.env)`);
  return value;
}
