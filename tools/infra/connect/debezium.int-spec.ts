import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, deleteTopics, readUntil, TestDatabase, testKafka } from '@bascule/shared/testing';

const connectUrl = process.env.CONNECT_URL ?? 'http://127.0.0.1:8083';

async function connect(path: string, init?: RequestInit): Promise<Response> {
  return fetch(`${connectUrl}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) } });
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
    await connect(`/connectors/${name}`, { method: 'DELETE' }).catch(() => undefined);
    await sql?.query(`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active`, [`slot_${id}`]).catch(() => undefined);
    await sql?.end();
    await deleteTopics(testKafka(), [topic]);
    await db?.drop();
  });

  it('snapshots existing rows, streams new ones in the full envelope, and hashes a personal column', async () => {
    const registered = await connect('/connectors', {
      method: 'POST',
      body: JSON.stringify({
        name,
        config: {
          'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
          'database.hostname': db.settings.host,
          'database.port': String(db.settings.port),
          'database.user': db.settings.user,
          'database.password': db.settings.password,
          'database.dbname': db.name,
          'topic.prefix': prefix,
          'plugin.name': 'pgoutput',
          'slot.name': `slot_${id}`,
          'publication.name': `pub_${id}`,
          'publication.autocreate.mode': 'filtered',
          'table.include.list': 'public.THINGS',
          'snapshot.mode': 'initial',
          'column.mask.hash.SHA-256.with.salt.bascule-test': 'public.THINGS.SECRET',
          'topic.creation.default.replication.factor': '1',
          'topic.creation.default.partitions': '1',
        },
      }),
    });
    expect(registered.status).toBe(201);

    const snapshot = await readUntil(testKafka(), topic, (m) => m.length >= 1, 60_000);
    await sql.query(`INSERT INTO "THINGS" ("LIBELLE", "SECRET") VALUES ('after the snapshot', 'clear-secret-2')`);
    const all = await readUntil(testKafka(), topic, (m) => m.some((x) => x.value?.includes('after the snapshot')), 60_000);

    const first = JSON.parse(snapshot[0].value ?? '{}');
    expect(first).toMatchObject({ op: 'r', before: null, after: { NO_THING: 1, LIBELLE: 'before the connector' }, source: { table: 'THINGS' } });
    const streamed = JSON.parse(all.find((m) => m.value?.includes('after the snapshot'))?.value ?? '{}');
    expect(streamed).toMatchObject({ op: 'c', after: { NO_THING: 2 }, source: { lsn: expect.any(Number), txId: expect.any(Number) } });
    expect(JSON.parse(all[0].key ?? '{}')).toEqual({ NO_THING: 1 });
    expect(all.map((m) => m.value).join('')).not.toMatch(/clear-secret/);
  });
});
