/**
 * @exclusive runs prepare.sh on the shared PostgreSQL: ALTER ROLE on the admin role every suite logs in as,
 * ALTER SYSTEM and a reload of the cluster, DDL on the legacy database.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { context, manifestRepository } from '../contexts/manifest-fixtures';

const root = resolve(__dirname, '../../..');
const installed =
  process.env.BASCULE_SECRETS ?? join(process.env.BASCULE_HOME ?? join(homedir(), '.bascule'), 'secrets');

/**
 * prepare.sh on the machine's PostgreSQL with one context more than the repository has: its database and role
 * appear with nothing else to edit (ADR 0017). The installation's secrets are copied, so its roles keep their
 * passwords, and the new context's password is generated in the copy only.
 */
describe('prepare.sh makes a database and a role for every context manifest', () => {
  const id = randomBytes(4).toString('hex');
  const name = `tp${id}`;
  const secrets = join(mkdtempSync(join(tmpdir(), 'bascule-prepare-')), 'secrets');
  const publication = `test_pub_${id}`;
  /** Debezium's role under another name: the grants this suite changes are not the running connector's. */
  const cdcRole = `test_cdc_${id}`;
  const manifests = (tables: string[]) => {
    const legacy = JSON.parse(readFileSync(join(root, 'apps/legacy-monolith/context.manifest.json'), 'utf8'));
    const client = JSON.parse(readFileSync(join(root, 'apps/client-service/context.manifest.json'), 'utf8'));
    const tree = manifestRepository(
      [
        { ...legacy, capture: { ...legacy.capture, tables } },
        client,
        { ...context(name, 3901), database: `test_${name}`, databaseRole: `test_${name}_service` },
      ],
      { [legacy.databaseSchema]: readFileSync(join(root, legacy.databaseSchema), 'utf8') },
    );
    return tree;
  };
  const trees = [manifests(['CLIENTS', 'STOCK']), manifests(['CLIENTS', 'PAIEMENTS'])];
  const prepare = (tree: string) =>
    execFileSync('bash', [join(__dirname, 'prepare.sh')], {
      encoding: 'utf8',
      env: {
        ...process.env,
        BASCULE_CONTEXTS_ROOT: tree,
        BASCULE_SECRETS: secrets,
        LEGACY_PUBLICATION: publication,
        CDC_DB_USER: cdcRole,
      },
    });
  /** As the PostgreSQL superuser, as prepare.sh runs its statements (admin-psql.sh). */
  const adminSql = (database: string, ...statements: string[]) =>
    execFileSync(
      'bash',
      [
        '-c',
        `source ${__dirname}/../env.sh; source ${__dirname}/admin-psql.sh; db=$1; shift; admin_psql -d "$db" "$@"`,
        '-',
        database,
        ...statements.flatMap((s) => ['-c', s]),
      ],
      { encoding: 'utf8' },
    ).trim();
  const server = { host: process.env.PGHOST ?? '127.0.0.1', port: Number(process.env.PGPORT ?? 5432) };
  const password = () =>
    /^TP[0-9A-F]{8}_DB_PASSWORD=(.*)$/m.exec(readFileSync(join(secrets, 'postgres.env'), 'utf8'))?.[1];

  beforeAll(() => cpSync(installed, secrets, { recursive: true }));
  afterAll(() => {
    adminSql(
      'postgres',
      `drop database if exists "test_${name}" with (force)`,
      `drop role if exists "test_${name}_service"`,
    );
    adminSql('legacy', `drop publication if exists "${publication}"`, `drop owned by "${cdcRole}"`);
    adminSql('postgres', `drop role if exists "${cdcRole}"`);
    [...trees, join(secrets, '..')].forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  it('creates the new context’s database, owned by its own role, with a password generated once', async () => {
    const output = prepare(trees[0]);
    expect(output).toContain(
      `secrets: generated TP${id.toUpperCase()}_DB_PASSWORD in ${join(secrets, 'postgres.env')}`,
    );
    expect(output).toContain(`postgres: created database test_${name}`);
    expect(output).toContain(`postgres: created publication ${publication} (public.CLIENTS,public.STOCK)`);
    expect(output).toMatch(
      new RegExp(
        `roles bascule_legacy_monolith, bascule_client_service, test_${name}_service, ${cdcRole}; databases: legacy bascule_client test_${name}\\)`,
      ),
    );
    const sql = new Client({
      ...server,
      user: `test_${name}_service`,
      password: password(),
      database: `test_${name}`,
    });
    await sql.connect();
    try {
      const { rows } = await sql.query(
        `SELECT pg_get_userbyid(datdba) AS owner, r.rolsuper, r.rolcreatedb, r.rolcreaterole, r.rolreplication
           FROM pg_database, pg_roles r WHERE datname = current_database() AND r.rolname = current_user`,
      );
      expect(rows).toEqual([
        {
          owner: `test_${name}_service`,
          rolsuper: false,
          rolcreatedb: false,
          rolcreaterole: false,
          rolreplication: false,
        },
      ]);
    } finally {
      await sql.end();
    }
    const refused = new Client({ ...server, user: `test_${name}_service`, password: password(), database: 'legacy' });
    await expect(refused.connect()).rejects.toThrow(/permission denied for database "legacy"/);
  });

  it('is idempotent, and keeps the publication in step with the legacy manifest’s captured tables', () => {
    const generated = password();
    const again = prepare(trees[0]);
    expect(again).not.toMatch(/generated|created|reloaded/);
    expect(password()).toBe(generated);
    expect(prepare(trees[1])).toContain(
      `postgres: publication ${publication} now public.CLIENTS,public.PAIEMENTS (was public.CLIENTS,public.STOCK)`,
    );
    expect(
      adminSql(
        'legacy',
        `select string_agg(tablename, ',' order by tablename) from pg_publication_tables where pubname = '${publication}'`,
      ),
    ).toBe('CLIENTS,PAIEMENTS');
    const readable = (table: string) =>
      adminSql('legacy', `select has_table_privilege('${cdcRole}', '"${table}"', 'SELECT')`);
    expect([readable('CLIENTS'), readable('PAIEMENTS'), readable('STOCK')]).toEqual(['t', 't', 'f']);
  });

  it('bounds the WAL a stuck replication slot may keep (max_slot_wal_keep_size, reloaded, no restart)', () => {
    expect(prepare(trees[0])).toMatch(/max_slot_wal_keep_size=10GB/);
    expect(adminSql('postgres', 'show max_slot_wal_keep_size')).toBe('10GB');
    expect(adminSql('postgres', `select pending_restart from pg_settings where name = 'max_slot_wal_keep_size'`)).toBe(
      'f',
    );
  });
});
