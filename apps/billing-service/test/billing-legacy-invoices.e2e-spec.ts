import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { aggregateIdOfLegacy } from '@bascule/anti-corruption';
import {
  connectorRunning,
  connectUrl,
  createTestDatabase,
  createTopics,
  deleteTopics,
  eventually,
  readUntil,
  registerTestConnector,
  spawnTs,
  TestDatabase,
  testKafka,
  waitForExit,
} from '@bascule/shared/testing';
import type { BillingWorld } from './billing-service.harness';

interface Facture {
  no: number;
  commande: number;
  ht: string;
  tva: string;
  ttc: string;
  date: string;
}

/**
 * Legacy `FACTURES` into billing (`nx g @bascule/plugin:legacy-table FACTURES --context billing --aggregate Invoice
 * --columns ...`, ADR 0050), on real PostgreSQL, a Debezium connector of this test's own on Connect, and Kafka:
 * `npm run legacy:generate` at a small volume, then every invoice it wrote is in billing, counted per table; rows no
 * reading can take are quarantined with their reasons and counted; a rewritten issued invoice is refused.
 */
describe('legacy FACTURES rows reach billing’s invoices', () => {
  jest.setTimeout(8 * 60_000);
  const id = randomBytes(4).toString('hex');
  const connector = `bascule-billinv-${id}`;
  const prefix = `billinv${id}`;
  const dlq = `billing.${prefix}.FACTURES.dlq`;
  const topics = [`${prefix}.public.FACTURES`, dlq, `${prefix}.transaction`];
  let legacyDb: TestDatabase | undefined;
  let legacy: Client | undefined;
  let world: BillingWorld | undefined;

  beforeAll(async () => {
    legacyDb = await createTestDatabase('billinv_legacy');
    legacy = new Client(legacyDb.settings);
    await legacy.connect();
    await legacy.query(readFileSync(resolve(__dirname, '../../legacy-monolith/sql/schema.sql'), 'utf8'));
    await createTopics(testKafka(), topics, 3);
    const registered = await registerTestConnector(connector, legacyDb, {
      id,
      prefix,
      tables: ['FACTURES'],
      // As the legacy connector sends them (tools/infra/connect/legacy-connector.json), with its transactions.
      config: {
        'provide.transaction.metadata': 'true',
        'decimal.handling.mode': 'string',
        'time.precision.mode': 'connect',
        'poll.interval.ms': '50',
        'topic.creation.default.partitions': '3',
      },
    });
    expect(registered.status).toBe(201);
    await connectorRunning(connector);
    // `LegacySyncModule.forTables` reads its topics when the module file is loaded: the settings first, then the app.
    Object.assign(process.env, { LEGACY_TOPIC_PREFIX: prefix, LEGACY_CONNECTOR_NAME: connector });
    const { startBillingWorld } = await import('./billing-service.harness');
    world = await startBillingWorld();
    const ready = async () => (await (world as BillingWorld).billing.http().get('/health/ready')).status === 200;
    await eventually(ready, 120_000, 500);
  });

  afterAll(async () => {
    const steps = [
      async () => world?.close(),
      async () => {
        await fetch(`${connectUrl}/connectors/${connector}`, { method: 'DELETE' });
        const slot = `slot_${id}`;
        const held = async () => {
          await legacy?.query(
            `SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active`,
            [slot],
          );
          return (
            (await legacy?.query(`SELECT 1 FROM pg_replication_slots WHERE slot_name = $1`, [slot]))?.rowCount ?? 0
          );
        };
        if (legacy) await eventually(async () => (await held()) === 0, 60_000, 500);
      },
      async () => legacy?.end(),
      async () => legacyDb?.drop(),
      () => deleteTopics(testKafka(), topics),
      async () => {
        const admin = testKafka().admin();
        await admin.connect();
        try {
          const { groups } = await admin.listGroups();
          const own = groups.map((g) => g.groupId).filter((g) => g.startsWith(`billing-service.${prefix}-`));
          if (own.length) await admin.deleteGroups(own);
        } finally {
          await admin.disconnect();
        }
      },
    ];
    const failures: unknown[] = [];
    for (const step of steps) await step().catch((error: unknown) => failures.push(error));
    if (failures.length) throw failures[0];
  });

  const sql = <T>(text: string, values: unknown[] = []) => (world as BillingWorld).sql<T>(text, values);
  const legacyRows = async (): Promise<Facture[]> =>
    (
      await (legacy as Client).query(
        `SELECT "NO_FACTURE" AS no, "NO_COMMANDE" AS commande, "MONTANT_HT"::text AS ht, "TVA"::text AS tva,
                "MONTANT_TTC"::text AS ttc, "DATE_FACTURE" AS date FROM "FACTURES" ORDER BY 1`,
      )
    ).rows;
  const invoiceCount = async () => Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM invoices`))[0].n);
  /** A metric's value for FACTURES on billing's management port (0 when not counted yet). */
  const metric = async (name: string) => {
    const text = (await request((world as BillingWorld).billing.metricsUrl).get('/metrics')).text;
    const line = new RegExp(`^${name}\\{[^}]*table="FACTURES"[^}]*\\} (\\d+)$`, 'm');
    return Number(line.exec(text)?.[1] ?? 0);
  };
  const cents = (decimal: string) => Math.round(Number(decimal) * 100);
  const isoOf = (date: string) => `${date.slice(6)}-${date.slice(3, 5)}-${date.slice(0, 2)}`;

  it('takes every invoice legacy:generate writes, each with its legacy number, order, totals in cents and day, counted', async () => {
    const generate = spawnTs(
      'tools/load/generate-legacy-data.ts',
      {
        LEGACY_DATABASE: (legacyDb as TestDatabase).name,
        PGUSER: legacyDb?.settings.user,
        PGPASSWORD: legacyDb?.settings.password,
      },
      ['--clients', '40', '--orders', '150', '--articles', '20', '--seed', id, '--chunk', '50'],
    );
    let printed = '';
    generate.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    expect(await waitForExit(generate)).toBe(0);
    expect(printed).toMatch(/\[orders, lines, payments, invoices\] 150\/150 \(100%\)/);
    const rows = await legacyRows();
    expect(rows.length).toBeGreaterThan(30);

    await eventually(async () => (await invoiceCount()) >= rows.length, 180_000, 500);
    expect(await invoiceCount()).toBe(rows.length);
    const held = await sql<Record<string, string>>(
      `SELECT id, order_id, number, to_char(issued_on, 'YYYY-MM-DD') AS issued_on, total_excl_vat_amount AS excl,
              total_vat_amount AS vat, total_incl_vat_amount AS incl, total_incl_vat_currency AS currency,
              credited_incl_vat_amount AS credited, status FROM invoices`,
    );
    const byId = new Map(held.map((invoice) => [invoice.id, invoice]));
    for (const row of rows)
      expect(byId.get(aggregateIdOfLegacy('FACTURES', row.no))).toEqual({
        id: aggregateIdOfLegacy('FACTURES', row.no),
        order_id: aggregateIdOfLegacy('COMMANDES', row.commande),
        number: String(row.no),
        issued_on: isoOf(row.date),
        excl: String(cents(row.ht)),
        vat: String(cents(row.tva)),
        incl: String(cents(row.ttc)),
        currency: 'EUR',
        credited: '0',
        status: 'ISSUED',
      });
    expect(await metric('bascule_cdc_lag_seconds_count')).toBe(rows.length);
    expect(await metric('bascule_acl_quarantined_total')).toBe(0);
    // Legacy invoices keep their own numbers: billing's series neither took nor skipped a number for them.
    expect(await sql(`SELECT * FROM number_series`)).toEqual([]);
    const [first] = rows;
    const served = await (world as BillingWorld).billing
      .http()
      .get(`/invoices/${aggregateIdOfLegacy('FACTURES', first.no)}`);
    expect(served.status).toBe(200);
    expect(served.body).toMatchObject({
      number: String(first.no),
      orderId: aggregateIdOfLegacy('COMMANDES', first.commande),
      totalInclVat: { amount: cents(first.ttc), currency: 'EUR' },
      status: 'ISSUED',
    });
  });

  it('quarantines, each with its reason and counted, the rows no reading can take; refuses a rewritten issued invoice; takes nothing of them', async () => {
    const before = await invoiceCount();
    const [issued] = await legacyRows();
    const { rows: uninvoiced } = await (legacy as Client).query(
      `SELECT "NO_COMMANDE" AS no FROM "COMMANDES" c WHERE NOT EXISTS (SELECT 1 FROM "FACTURES" f WHERE f."NO_COMMANDE" = c."NO_COMMANDE") LIMIT 3`,
    );
    const bad = [
      [9001, uninvoiced[0].no, '-10.00', '-2.00', '-12.00', '01/02/2024'],
      [9002, uninvoiced[1].no, '10.00', '2.00', '12.01', '01/02/2024'],
      [9003, uninvoiced[2].no, '10.00', null, '12.00', '01/02/2024'],
    ];
    // Each in a transaction of its own, as the legacy API writes them.
    for (const values of bad)
      await (legacy as Client).query(`INSERT INTO "FACTURES" VALUES ($1, $2, $3, $4, $5, $6)`, values);
    await (legacy as Client).query(
      `UPDATE "FACTURES" SET "TVA" = "TVA" + 1, "MONTANT_HT" = "MONTANT_HT" - 1 WHERE "NO_FACTURE" = $1`,
      [issued.no],
    );

    const letters = await readUntil(testKafka(), dlq, (messages) => messages.length >= 4, 120_000);
    const reasons = letters.map((letter) => [JSON.parse(letter.key ?? '{}'), letter.headers.dlq_error]);
    expect(reasons).toEqual(
      expect.arrayContaining([
        [
          expect.objectContaining({ NO_FACTURE: 9001 }),
          expect.stringContaining('MONTANT_HT is negative; TVA is negative; MONTANT_TTC is negative'),
        ],
        [expect.objectContaining({ NO_FACTURE: 9002 }), expect.stringContaining('MONTANT_HT + TVA is not MONTANT_TTC')],
        [expect.objectContaining({ NO_FACTURE: 9003 }), expect.stringContaining('TVA is NULL')],
        [expect.objectContaining({ NO_FACTURE: issued.no }), expect.stringContaining('INVOICE.ISSUED_IMMUTABLE')],
      ]),
    );
    expect(letters).toHaveLength(4);
    // The three corrupt rows and the rewrite the model refuses (a domain refusal is quarantined too): four.
    await eventually(async () => (await metric('bascule_acl_quarantined_total')) === 4, 30_000, 250);
    expect(await invoiceCount()).toBe(before);
    const [kept] = await sql<{ excl: string; vat: string }>(
      `SELECT total_excl_vat_amount AS excl, total_vat_amount AS vat FROM invoices WHERE id = $1`,
      [aggregateIdOfLegacy('FACTURES', issued.no)],
    );
    expect(kept).toEqual({ excl: String(cents(issued.ht)), vat: String(cents(issued.tva)) });
  });
});
