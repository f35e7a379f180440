import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Client, ClientConfig } from 'pg';

/** The installation's roles as setup made them (tools/infra/postgres/prepare.sh, ADR 0013), on the real PostgreSQL. */
describe('one database role per process, each with the least it needs', () => {
  const secrets = Object.fromEntries(
    readFileSync(
      join(
        process.env.BASCULE_SECRETS ?? join(process.env.BASCULE_HOME ?? join(homedir(), '.bascule'), 'secrets'),
        'postgres.env',
      ),
      'utf8',
    )
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const roles = {
    client: { user: process.env.CLIENT_DB_USER ?? 'bascule_client_service', password: secrets.CLIENT_DB_PASSWORD },
    legacy: { user: process.env.LEGACY_DB_USER ?? 'bascule_legacy_monolith', password: secrets.LEGACY_DB_PASSWORD },
    cdc: { user: process.env.CDC_DB_USER ?? 'bascule_debezium', password: secrets.CDC_DB_PASSWORD },
  };
  const server = { host: process.env.PGHOST ?? '127.0.0.1', port: Number(process.env.PGPORT ?? 5432) };

  async function as<T>(config: ClientConfig, work: (sql: Client) => Promise<T>): Promise<T> {
    const sql = new Client({ ...server, ...config });
    await sql.connect();
    try {
      return await work(sql);
    } finally {
      await sql.end();
    }
  }
  const connecting = (role: { user: string; password: string }, database: string) =>
    as({ ...role, database }, (sql) => sql.query('SELECT 1'));

  it('client-service owns its database and cannot connect to the legacy one', async () => {
    await expect(connecting(roles.client, 'bascule_client')).resolves.toBeDefined();
    expect(
      await as(
        { ...roles.client, database: 'bascule_client' },
        async (sql) =>
          (
            await sql.query(
              `SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = current_database()`,
            )
          ).rows[0].owner,
      ),
    ).toBe(roles.client.user);
    await expect(connecting(roles.client, 'legacy')).rejects.toThrow(/permission denied for database "legacy"/);
  });

  it('the legacy monolith owns legacy and cannot connect to the client context’s database', async () => {
    await expect(connecting(roles.legacy, 'legacy')).resolves.toBeDefined();
    await expect(connecting(roles.legacy, 'bascule_client')).rejects.toThrow(
      /permission denied for database "bascule_client"/,
    );
  });

  it('Debezium may replicate and read the captured tables, and write nothing', async () => {
    await expect(connecting(roles.cdc, 'bascule_client')).rejects.toThrow(/permission denied/);
    const rights = await as(
      { ...roles.cdc, database: 'legacy' },
      async (sql) =>
        (
          await sql.query(
            `SELECT has_table_privilege('"CLIENTS"', 'SELECT') AS can_read, has_table_privilege('"CLIENTS"', 'INSERT') AS can_insert, has_table_privilege('"CLIENTS"', 'UPDATE') AS can_update, has_table_privilege('"CLIENTS"', 'DELETE') AS can_delete`,
          )
        ).rows[0],
    );
    expect(rights).toEqual({ can_read: true, can_insert: false, can_update: false, can_delete: false });
    await expect(
      as({ ...roles.cdc, database: 'legacy' }, (sql) => sql.query(`UPDATE "CLIENTS" SET "NOM" = "NOM" WHERE false`)),
    ).rejects.toThrow(/permission denied for table CLIENTS/);
  });

  it('no service role is a superuser or may create databases or roles; only Debezium may replicate', async () => {
    const attributes = await as(
      { ...roles.client, database: 'bascule_client' },
      async (sql) =>
        (
          await sql.query(
            `SELECT rolname, rolsuper, rolcreatedb, rolcreaterole, rolreplication FROM pg_roles WHERE rolname = ANY($1) ORDER BY rolname`,
            [Object.values(roles).map((r) => r.user)],
          )
        ).rows,
    );
    expect(attributes).toEqual(
      [
        {
          rolname: roles.client.user,
          rolsuper: false,
          rolcreatedb: false,
          rolcreaterole: false,
          rolreplication: false,
        },
        { rolname: roles.cdc.user, rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolreplication: true },
        {
          rolname: roles.legacy.user,
          rolsuper: false,
          rolcreatedb: false,
          rolcreaterole: false,
          rolreplication: false,
        },
      ].sort((a, b) => a.rolname.localeCompare(b.rolname)),
    );
  });
});
