import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { aggregateIdOfLegacy } from '@bascule/anti-corruption';
import {
  closeEach,
  eventually,
  readUntil,
  serviceReady,
  spawnTs,
  suiteCapture,
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
  const capture = suiteCapture({
    id,
    name: 'billinv',
    context: 'billing',
    tables: ['FACTURES'],
    schema: readFileSync(resolve(__dirname, '../../legacy-monolith/sql/schema.sql'), 'utf8'),
  });
  const dlq = capture.dlqOf('FACTURES');
  let world: BillingWorld | undefined;

  beforeAll(async () => {
    await capture.start();
    await capture.register();
    // `LegacySyncModule.forTables` reads its topics when the module file is loaded: the settings first, then the app.
    Object.assign(process.env, capture.env);
    const { startBillingWorld } = await import('./billing-service.harness');
    world = await startBillingWorld();
    await serviceReady(world.billing);
  });

  afterAll(() =>
    closeEach(
      () => world?.close(),
      () => capture.close(),
    ),
  );

  const sql = <T>(text: string, values: unknown[] = []) => (world as BillingWorld).sql<T>(text, values);
  const legacyRows = async (): Promise<Facture[]> =>
    (
      await capture.legacy.query(
        `SELECT "NO_FACTURE" AS no, "NO_COMMANDE" AS commande, "MONTANT_HT"::text AS ht, "TVA"::text AS tva,
                "MONTANT_TTC"::text AS ttc, "DATE_FACTURE" AS date FROM "FACTURES" ORDER BY 1`,
      )
    ).rows;
  const invoiceCount = async () => Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM invoices`))[0].n);
  /** A metric's value for FACTURES on billing's management port (0 when not counted yet). */
  const metric = (name: string) => capture.counted((world as BillingWorld).billing.metricsUrl, 'FACTURES', name);
  const cents = (decimal: string) => Math.round(Number(decimal) * 100);
  const isoOf = (date: string) => `${date.slice(6)}-${date.slice(3, 5)}-${date.slice(0, 2)}`;

  it('takes every invoice legacy:generate writes, each with its legacy number, order, totals in cents and day, counted', async () => {
    const generate = spawnTs(
      'tools/load/generate-legacy-data.ts',
      {
        LEGACY_DATABASE: capture.db.name,
        PGUSER: capture.db.settings.user,
        PGPASSWORD: capture.db.settings.password,
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
    const { rows: uninvoiced } = await capture.legacy.query(
      `SELECT "NO_COMMANDE" AS no FROM "COMMANDES" c WHERE NOT EXISTS (SELECT 1 FROM "FACTURES" f WHERE f."NO_COMMANDE" = c."NO_COMMANDE") LIMIT 3`,
    );
    const bad = [
      [9001, uninvoiced[0].no, '-10.00', '-2.00', '-12.00', '01/02/2024'],
      [9002, uninvoiced[1].no, '10.00', '2.00', '12.01', '01/02/2024'],
      [9003, uninvoiced[2].no, '10.00', null, '12.00', '01/02/2024'],
    ];
    // Each in a transaction of its own, as the legacy API writes them.
    for (const values of bad)
      await capture.legacy.query(`INSERT INTO "FACTURES" VALUES ($1, $2, $3, $4, $5, $6)`, values);
    await capture.legacy.query(
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
