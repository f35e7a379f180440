import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Client, ClientConfig } from 'pg';

const { loadContexts, loginRolesOf, captureOf } = require('../contexts/contexts.js') as {
  loadContexts(): unknown;
  loginRolesOf(
    platform: unknown,
  ): { envPrefix: string; role: string; database: string; kind: 'owner' | 'cdc'; service: string }[];
  captureOf(platform: unknown): { database: string; tables: string[] };
};

/**
 * The installation's roles as setup made them (tools/infra/postgres/prepare.sh, ADR 0013) for every context manifest
 * (ADR 0017), on the real PostgreSQL.
 */
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
  const platform = loadContexts();
  const logins = loginRolesOf(platform).map((r) => ({
    ...r,
    user: process.env[`${r.envPrefix}_DB_USER`] ?? r.role,
    password: secrets[`${r.envPrefix}_DB_PASSWORD`] as string,
  }));
  const owners = logins.filter((r) => r.kind === 'owner');
  const cdc = logins.find((r) => r.kind === 'cdc')!;
  const capture = captureOf(platform);
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

  it.each(owners.map((o) => [o.service, o]))(
    '%s owns its database and cannot connect to any other process’s',
    async (_, owner) => {
      const role = { user: owner.user, password: owner.password };
      const found = await as(
        { ...role, database: owner.database },
        async (sql) =>
          (
            await sql.query(
              `SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = current_database()`,
            )
          ).rows[0].owner,
      );
      expect(found).toBe(owner.user);
      for (const other of owners.filter((o) => o.database !== owner.database))
        await expect(connecting(role, other.database)).rejects.toThrow(
          new RegExp(`permission denied for database "${other.database}"`),
        );
    },
  );

  it('Debezium may replicate and read the captured tables, and write nothing', async () => {
    const role = { user: cdc.user, password: cdc.password };
    for (const other of owners.filter((o) => o.database !== capture.database))
      await expect(connecting(role, other.database)).rejects.toThrow(/permission denied/);
    for (const table of capture.tables) {
      const rights = await as(
        { ...role, database: capture.database },
        async (sql) =>
          (
            await sql.query(
              `SELECT has_table_privilege($1, 'SELECT') AS can_read, has_table_privilege($1, 'INSERT') AS can_insert, has_table_privilege($1, 'UPDATE') AS can_update, has_table_privilege($1, 'DELETE') AS can_delete`,
              [`"${table}"`],
            )
          ).rows[0],
      );
      expect([table, rights]).toEqual([
        table,
        { can_read: true, can_insert: false, can_update: false, can_delete: false },
      ]);
    }
    await expect(
      as({ ...role, database: capture.database }, (sql) => sql.query(`UPDATE "CLIENTS" SET "NOM" = "NOM" WHERE false`)),
    ).rejects.toThrow(/permission denied for table CLIENTS/);
  });

  it('Debezium reads no table outside the capture and changes nothing in the captured database', async () => {
    const role = { user: cdc.user, password: cdc.password };
    const legacyOwner = owners.find((o) => o.database === capture.database)!;
    const uncaptured = `not_captured_${process.pid}_${Date.now()}`;
    await as({ user: legacyOwner.user, password: legacyOwner.password, database: capture.database }, (sql) =>
      sql.query(`CREATE TABLE "${uncaptured}" (id int PRIMARY KEY); INSERT INTO "${uncaptured}" VALUES (1)`),
    );
    try {
      const attempts = [
        `SELECT * FROM "${uncaptured}"`,
        `INSERT INTO "${capture.tables[0]}" DEFAULT VALUES`,
        `DELETE FROM "${capture.tables[0]}" WHERE false`,
        `TRUNCATE "${capture.tables[0]}"`,
        `CREATE TABLE debezium_was_here (id int)`,
      ];
      const outcomes = await as({ ...role, database: capture.database }, async (sql) => {
        const found: string[] = [];
        for (const statement of attempts)
          found.push(
            await sql.query(statement).then(
              (result) => `allowed (${result.rowCount} rows): ${statement}`,
              (error: Error) =>
                `${/permission denied|must be a member/.test(error.message) ? 'refused' : error.message}: ${statement}`,
            ),
          );
        return found;
      });
      expect(outcomes).toEqual(attempts.map((statement) => `refused: ${statement}`));
      const rights = await as(
        { ...role, database: capture.database },
        async (sql) =>
          (
            await sql.query(
              `SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls,
                    (SELECT array_agg(b.rolname ORDER BY b.rolname) FROM pg_auth_members m JOIN pg_roles b ON b.oid = m.roleid
                      WHERE m.member = r.oid) AS member_of
               FROM pg_roles r WHERE rolname = current_user`,
            )
          ).rows,
      );
      expect(rights).toEqual([
        {
          rolsuper: false,
          rolcreatedb: false,
          rolcreaterole: false,
          rolreplication: true,
          rolbypassrls: false,
          member_of: null,
        },
      ]);
    } finally {
      await as({ user: legacyOwner.user, password: legacyOwner.password, database: capture.database }, (sql) =>
        sql.query(`DROP TABLE "${uncaptured}"`),
      );
    }
  });

  it('no service role is a superuser or may create databases or roles; only Debezium may replicate', async () => {
    const attributes = await as(
      { user: owners[0].user, password: owners[0].password, database: owners[0].database },
      async (sql) =>
        (
          await sql.query(
            `SELECT rolname, rolsuper, rolcreatedb, rolcreaterole, rolreplication FROM pg_roles WHERE rolname = ANY($1) ORDER BY rolname COLLATE "C"`,
            [logins.map((r) => r.user)],
          )
        ).rows,
    );
    expect(attributes).toEqual(
      logins
        .map((r) => ({
          rolname: r.user,
          rolsuper: false,
          rolcreatedb: false,
          rolcreaterole: false,
          rolreplication: r.kind === 'cdc',
        }))
        .sort((a, b) => (a.rolname < b.rolname ? -1 : 1)),
    );
  });
});
