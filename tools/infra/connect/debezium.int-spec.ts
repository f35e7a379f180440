import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import {
  connectUrl,
  createTestDatabase,
  deleteTopics,
  readUntil,
  registerTestConnector,
  TestDatabase,
  testKafka,
} from '@bascule/shared/testing';

const { connectorConfig } = require('./register-connector.js') as {
  connectorConfig: (env?: NodeJS.ProcessEnv) => { config: Record<string, string> };
};

async function connect(path: string, init?: RequestInit): Promise<Response> {
  return fetch(`${connectUrl}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) },
  });
}

/** The CDC engine itself: Kafka Connect (distributed) + Debezium's PostgreSQL connector, registered by REST. */
describe('Debezium on Kafka Connect captures PostgreSQL changes', () => {
  const id = randomBytes(4).toString('hex');
  const name = `bascule-test-${id}`;
  const prefix = `cdctest${id}`;
  const topic = `${prefix}.public.THINGS`;
  let db: TestDatabase;
  let sql: Client;

  beforeAll(async () => {
    db = await createTestDatabase('cdc');
    sql = new Client(db.settings);
    await sql.connect();
    await sql.query(`CREATE TABLE "THINGS" ("NO_THING" serial PRIMARY KEY, "LIBELLE" text, "SECRET" text)`);
    await sql.query(`INSERT INTO "THINGS" ("LIBELLE", "SECRET") VALUES ('before the connector', 'clear-secret-1')`);
  });

  afterAll(async () => {
    for (const connector of [name, `${name}-secret`])
      await connect(`/connectors/${connector}`, { method: 'DELETE' }).catch(() => undefined);
    for (const slot of [`slot_${id}`, `slot_${id}_secret`]) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await sql
        ?.query(
          `SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active`,
          [slot],
        )
        .catch(() => undefined);
    }
    await sql?.end();
    await deleteTopics(testKafka(), [topic, `${prefix}s.public.THINGS`]);
    await db?.drop();
  });

  it('snapshots existing rows, streams new ones in the full envelope, and hashes a personal column', async () => {
    const registered = await registerTestConnector(name, db, {
      id,
      prefix,
      tables: ['THINGS'],
      config: { 'column.mask.hash.SHA-256.with.salt.bascule-test': 'public.THINGS.SECRET' },
    });
    expect(registered.status).toBe(201);

    const snapshot = await readUntil(testKafka(), topic, (m) => m.length >= 1, 60_000);
    await sql.query(`INSERT INTO "THINGS" ("LIBELLE", "SECRET") VALUES ('after the snapshot', 'clear-secret-2')`);
    const all = await readUntil(
      testKafka(),
      topic,
      (m) => m.some((x) => x.value?.includes('after the snapshot')),
      60_000,
    );

    const first = JSON.parse(snapshot[0].value ?? '{}');
    expect(first).toMatchObject({
      op: 'r',
      before: null,
      after: { NO_THING: 1, LIBELLE: 'before the connector' },
      source: { table: 'THINGS' },
    });
    const streamed = JSON.parse(all.find((m) => m.value?.includes('after the snapshot'))?.value ?? '{}');
    expect(streamed).toMatchObject({
      op: 'c',
      after: { NO_THING: 2 },
      source: { lsn: expect.any(Number), txId: expect.any(Number) },
    });
    expect(JSON.parse(all[0].key ?? '{}')).toEqual({ NO_THING: 1 });
    expect(all.map((m) => m.value).join('')).not.toMatch(/clear-secret/);
  });

  it("runs as the installation's Debezium role with secrets from a config provider: the REST API shows neither password nor salt", async () => {
    // What setup generated for this installation (ADR 0013): the role's password and the hashing salt.
    const secretsFile = connectorConfig().config['saltedhash.salt'].replace(
      /^\$\{file:(.*):legacy\.hash\.salt\}$/,
      '$1',
    );
    const secrets = Object.fromEntries(
      readFileSync(secretsFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(secrets['legacy.hash.salt']).toMatch(/^[0-9a-f]{64}$/);
    // The role may read this table and nothing more; the publication is made by the owner (autocreate disabled).
    await sql.query(`GRANT SELECT ON "THINGS" TO "${secrets['legacy.db.user']}"`);
    await sql.query(`CREATE PUBLICATION "pub_${id}_secret" FOR TABLE "THINGS"`);
    const { config: legacyConfig } = connectorConfig({
      ...process.env,
      LEGACY_CONNECTOR_NAME: `${name}-secret`,
      LEGACY_DATABASE: db.name,
      LEGACY_TOPIC_PREFIX: `${prefix}s`,
      LEGACY_SLOT: `slot_${id}_secret`,
      LEGACY_PUBLICATION: `pub_${id}_secret`,
    });
    const { 'column.exclude.list': _excluded, 'column.mask.with.12.chars': _masked, ...config } = legacyConfig;
    const registered = await connect(`/connectors/${name}-secret/config`, {
      method: 'PUT',
      body: JSON.stringify({
        ...config,
        'table.include.list': 'public.THINGS',
        'saltedhash.columns': 'public.THINGS.SECRET',
        // The salted hash alone: this suite proves it on whatever worker runs (partialmask: the payment e2e).
        converters: 'saltedhash',
        'topic.creation.default.partitions': '1',
      }),
    });
    expect([registered.status, registered.status === 201 ? '' : await registered.text()]).toEqual([201, '']);

    const captured = await readUntil(testKafka(), `${prefix}s.public.THINGS`, (m) => m.length >= 1, 60_000);
    const expectedHash = createHmac('sha256', secrets['legacy.hash.salt']).update('clear-secret-1').digest('hex');
    expect(JSON.parse(captured[0].value ?? '{}').after).toMatchObject({ NO_THING: 1, SECRET: expectedHash });

    const shown = JSON.stringify([
      await (await connect(`/connectors/${name}-secret/config`)).json(),
      await (await connect(`/connectors/${name}-secret/tasks`)).json(),
      await (await connect(`/connectors/${name}-secret`)).json(),
    ]);
    expect(shown).toContain('${file:');
    expect(shown).not.toContain(secrets['legacy.db.password']);
    expect(shown).not.toContain(secrets['legacy.hash.salt']);
  });
});
