import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  connectUrl,
  registerTestConnector,
  connectorRunning,
  createTestDatabase,
  deleteTopics,
  readUntil,
  TestDatabase,
  testKafka,
} from '@bascule/shared/testing';
import { capturedColumnType, columnHandling, ConnectorConfig } from '@bascule/shared/contracts';
import { compositeKey, debeziumTable } from '../src/debezium/debezium-table';

const legacyConnector = (
  JSON.parse(readFileSync(join(__dirname, '../../../tools/infra/connect/legacy-connector.json'), 'utf8')) as {
    config: ConnectorConfig;
  }
).config;

const COLUMNS: Record<string, string> = {
  NO_COMMANDE: 'integer',
  NO_LIGNE: 'integer',
  MISE_A_JOUR: 'timestamptz',
  SAISIE_LE: 'timestamp',
  LIVRAISON: 'date',
  PRIX: 'numeric(10, 2)',
  EXPRESS: 'boolean',
  IBAN: 'varchar(34)',
  EMPREINTE: 'varchar(15)',
  NAISSANCE: 'varchar(10)',
};

/** What Debezium really sends for each kind of column, with the legacy connector's time and decimal settings. */
describe('a captured legacy row has the types the ACL gives its columns', () => {
  const id = randomBytes(4).toString('hex');
  const name = `bascule-types-${id}`;
  const prefix = `cdctypes${id}`;
  const topic = `${prefix}.public.LIGNES`;
  const config: ConnectorConfig = {
    'time.precision.mode': legacyConnector['time.precision.mode'],
    'decimal.handling.mode': legacyConnector['decimal.handling.mode'],
    'column.mask.with.12.chars': 'public.LIGNES.IBAN',
    'column.mask.hash.SHA-256.with.salt.bascule-types-test': 'public.LIGNES.EMPREINTE',
    'column.exclude.list': 'public.LIGNES.NAISSANCE',
  };
  let db: TestDatabase;
  let sql: Client;

  beforeAll(async () => {
    db = await createTestDatabase('cdc_types');
    sql = new Client(db.settings);
    await sql.connect();
    const columns = Object.entries(COLUMNS).map(([column, type]) => `"${column}" ${type}`);
    await sql.query(`CREATE TABLE "LIGNES" (${columns.join(', ')}, PRIMARY KEY ("NO_COMMANDE", "NO_LIGNE"))`);
  });
  afterAll(async () => {
    await fetch(`${connectUrl}/connectors/${name}`, { method: 'DELETE' }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await sql
      ?.query(
        `SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active`,
        [`slot_${id}`],
      )
      .catch(() => undefined);
    await sql?.end();
    await deleteTopics(testKafka(), [topic]);
    await db?.drop();
  });

  it('sends timestamptz as an ISO text, masked and hashed columns as texts, leaves the excluded one out, keys a composite', async () => {
    const registered = await registerTestConnector(name, db, { id, prefix, tables: ['LIGNES'], config });
    expect(registered.status).toBe(201);
    await connectorRunning(name);
    await sql.query(
      `INSERT INTO "LIGNES" VALUES (500001, 2, '2026-12-06 21:48:31.25+02', '2026-12-06 19:48:31', '2026-12-24',
        '12.50', true, 'FR7630006000011234567890189', '185057800608436', '01/02/1980')`,
    );
    const [message] = await readUntil(testKafka(), topic, (messages) => messages.length >= 1, 90_000);

    const change = debeziumTable<Record<string, unknown>, string>(
      'LIGNES',
      compositeKey({ NO_COMMANDE: 'integer', NO_LIGNE: 'integer' }),
    ).decode(Buffer.from(message.value ?? ''));
    expect(change?.key).toBe('{"NO_COMMANDE":500001,"NO_LIGNE":2}');
    const row = change?.row ?? {};
    for (const [column, sqlType] of Object.entries(COLUMNS)) {
      const expected = capturedColumnType(sqlType, columnHandling(config, `public.LIGNES.${column}`), config).tsType;
      expect({ column, type: column in row ? typeof row[column] : 'absent' }).toEqual({ column, type: expected });
    }
    expect(new Date(row['MISE_A_JOUR'] as string).toISOString()).toBe('2026-12-06T19:48:31.250Z');
    expect(row['PRIX']).toBe('12.50');
    expect(row['IBAN']).toBe('************');
    // Debezium's own hash is cut to the column's length (varchar(15)); the salted-hash converter's is not.
    expect(row['EMPREINTE']).toMatch(/^[0-9a-f]{15}$/);
  });
});
