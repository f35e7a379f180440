import { databaseOptions, platformMigrations } from '@bascule/shared/persistence';
import { createTestDatabase, serviceRole, TestDatabase } from '@bascule/shared/testing';
import { DataSource } from 'typeorm';
import { clientDatabase } from './client-database';

const PLATFORM_TABLES = ['outbox', 'outbox_sent', 'inbox', 'idempotency_keys'];

/** Columns, indexes and triggers of the platform tables, as PostgreSQL describes them. */
async function platformSchema(dataSource: DataSource): Promise<unknown> {
  const columns = await dataSource.query(
    `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
      WHERE table_name = ANY($1) ORDER BY table_name, ordinal_position`,
    [PLATFORM_TABLES],
  );
  const indexes = await dataSource.query(
    `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename = ANY($1) ORDER BY indexname`,
    [PLATFORM_TABLES],
  );
  const triggers = await dataSource.query(
    `SELECT tgname, pg_get_triggerdef(t.oid) AS def FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE c.relname = ANY($1) AND NOT t.tgisinternal ORDER BY tgname`,
    [PLATFORM_TABLES],
  );
  return { columns, indexes, triggers };
}

describe("the client's migration history and the platform's tables", () => {
  const databases: TestDatabase[] = [];
  const migrate = async (migrations: typeof clientDatabase.migrations) => {
    const db = await createTestDatabase('client_migrations', serviceRole('CLIENT'));
    databases.push(db);
    return open(db, migrations);
  };
  const open = (db: TestDatabase, migrations: typeof clientDatabase.migrations) =>
    new DataSource(
      databaseOptions(
        { ...clientDatabase, migrations },
        { ...process.env, CLIENT_DATABASE: db.name, DB_POOL_SIZE: '2' },
      ),
    ).initialize();
  afterAll(async () => {
    for (const db of databases) await db.drop();
  });

  it('gives a fresh client database the same platform tables as a new context that has only the platform migrations', async () => {
    const client = await migrate(clientDatabase.migrations);
    const platformOnly = await migrate(platformMigrations);
    try {
      const schema = (await platformSchema(client)) as {
        columns: { column_name: string }[];
        indexes: { indexname: string }[];
      };
      expect(schema).toEqual(await platformSchema(platformOnly));
      expect(schema.indexes.map((index) => index.indexname)).toEqual(
        expect.arrayContaining([
          'outbox_unsent',
          'outbox_aggregate',
          'inbox_processed_at_brin',
          'outbox_sent_aggregate',
          'idempotency_keys_aggregate',
        ]),
      );
      expect(schema.columns.map((column) => column.column_name)).toEqual(
        expect.arrayContaining(['aggregate_id', 'caller']),
      );
    } finally {
      await client.destroy();
      await platformOnly.destroy();
    }
  });

  it('migrates a database made by the history before the platform migrations, keeping its rows', async () => {
    const before = clientDatabase.migrations.slice(0, 4);
    const existing = await migrate(before);
    await existing.query(
      `INSERT INTO outbox (id, aggregatetype, aggregateid, type, version, topic, payload, headers)
       VALUES (gen_random_uuid(), 'client', 'c-1', 'client.client-registered', 1, 'client.events.v1', '{}', '{}')`,
    );
    await existing.destroy();
    const migrated = await open(databases[databases.length - 1], clientDatabase.migrations);
    try {
      const ran = (await migrated.query('SELECT name FROM migrations ORDER BY id')).map(
        (r: { name: string }) => r.name,
      );
      // TypeORM runs them in the order of their timestamps, whatever the order of the list.
      const timestampOf = (name: string) => Number(/\d{13}$/.exec(name)?.[0]);
      const names = clientDatabase.migrations.map((migration) => migration.name);
      expect(ran).toEqual(names.sort((a, b) => timestampOf(a) - timestampOf(b)));
      expect(await migrated.query('SELECT aggregateid FROM outbox')).toEqual([{ aggregateid: 'c-1' }]);
    } finally {
      await migrated.destroy();
    }
  });

  it('moves rows an older relay marked sent in place to outbox_sent, and swaps the inbox B-tree for BRIN', async () => {
    const before = platformMigrations.slice(
      0,
      platformMigrations.findIndex((migration) => migration.name === 'CheaperMarks1765324800000'),
    );
    const existing = await migrate(before);
    // The schema as it was before the move (messagingTablesUp makes the new one from the start).
    await existing.query('DROP TABLE outbox_sent');
    await existing.query('DROP INDEX inbox_processed_at_brin');
    await existing.query('CREATE INDEX inbox_processed_at ON inbox (processed_at)');
    await existing.query(
      `INSERT INTO outbox (id, aggregatetype, aggregateid, type, version, topic, payload, headers, sent_at)
       SELECT gen_random_uuid(), 'client', 'c-' || n, 'client.client-registered', 1, 'client.events.v1', '{}', '{}',
              CASE WHEN n < 3 THEN now() - interval '1 hour' END
         FROM generate_series(1, 3) AS n`,
    );
    await existing.destroy();
    const migrated = await open(databases[databases.length - 1], platformMigrations);
    try {
      expect(await migrated.query('SELECT aggregateid, sent_at IS NULL AS unsent FROM outbox')).toEqual([
        { aggregateid: 'c-3', unsent: true },
      ]);
      expect(
        await migrated.query(
          `SELECT aggregateid FROM outbox_sent WHERE sent_at < now() - interval '59 minutes' ORDER BY aggregateid`,
        ),
      ).toEqual([{ aggregateid: 'c-1' }, { aggregateid: 'c-2' }]);
      const inboxIndexes = await migrated.query(
        `SELECT indexname FROM pg_indexes WHERE tablename = 'inbox' AND indexname LIKE 'inbox_processed_at%'`,
      );
      expect(inboxIndexes).toEqual([{ indexname: 'inbox_processed_at_brin' }]);
    } finally {
      await migrated.destroy();
    }
  });

  it('lets several legacy keys lead to one client once migrated', async () => {
    const client = await migrate(clientDatabase.migrations);
    try {
      const key = (noClient: number, lsn: number) =>
        client.query(`INSERT INTO legacy_client_keys (no_client, client_id, last_lsn) VALUES ($1, $2, $3)`, [
          noClient,
          '00000000-0000-4000-8000-000000001000',
          lsn,
        ]);
      await key(1000, 1);
      await key(1001, 2);
      expect(
        await client.query(`SELECT no_client FROM legacy_client_keys WHERE client_id = $1 ORDER BY no_client`, [
          '00000000-0000-4000-8000-000000001000',
        ]),
      ).toEqual([{ no_client: 1000 }, { no_client: 1001 }]);
    } finally {
      await client.destroy();
    }
  });
});
