import { ChildProcess, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client, Pool } from 'pg';
import request from 'supertest';
import {
  closeEach,
  eventually,
  freePort,
  ReadMessage,
  readUntil,
  spawnTs,
  suiteCapture,
  testKafka,
  tokenFor,
  waitForExit,
  waitForOutput,
} from '@bascule/shared/testing';
import type { RunningInventory } from './inventory-fixtures';

/**
 * `GET /legacy/api/stock/{refArticle}` served by inventory from its own state equals the monolith's answer for every
 * synced article (ADR 0045): legacy data made by the generator (`npm run legacy:generate`, a small volume) and a few
 * rows of states legacy holds (NULLs, more reserved than free) reach inventory through a Debezium connector of this
 * test's own, snapshot then streaming; rows no reading can take (negative quantities or prices) are quarantined in
 * inventory's own dead-letter topic with their reasons and counted, and are not served.
 */
describe('the legacy stock contract served by inventory equals the monolith’s', () => {
  jest.setTimeout(10 * 60_000);
  const id = randomBytes(4).toString('hex');
  const capture = suiteCapture({
    id,
    name: 'invcontract',
    context: 'inventory',
    tables: ['STOCK'],
    schema: readFileSync(resolve(__dirname, '../../legacy-monolith/sql/schema.sql'), 'utf8'),
  });
  const dlq = capture.dlqOf('STOCK');
  const kept = { nulls: `NUL-${id}`, over: `OVR-${id}` };
  const corrupt = { negative: `NEG-${id}`, price: `PRX-${id}`, streamed: `STR-${id}` };
  let legacy: Pool;
  let monolith: ChildProcess | undefined;
  let monolithUrl = '';
  let service: RunningInventory | undefined;

  beforeAll(async () => {
    await capture.start();
    legacy = capture.legacy;
    // The monolith reads the articles as its own role (ADR 0013); the connector as the suite's.
    await legacy.query(`GRANT SELECT ON "STOCK" TO bascule_legacy_monolith`);
    // `npm run legacy:generate` itself, at a small volume, on this suite's legacy database.
    const { name, settings } = capture.db;
    execFileSync(
      'npm',
      ['run', 'legacy:generate', '--', '--clients', '20', '--orders', '10', '--articles', '150', '--seed', `inv-${id}`],
      {
        cwd: resolve(__dirname, '../../..'),
        env: { ...process.env, LEGACY_DATABASE: name, PGUSER: settings.user, PGPASSWORD: settings.password },
        stdio: 'pipe',
      },
    );
    await legacy.query(
      `INSERT INTO "STOCK" VALUES ($1, NULL, 0, NULL, NULL), ($2, 'Over reserved', 2, 15, 3.00),
        ($3, 'Negative', -3, NULL, 1.00), ($4, 'Negative price', 5, 2, -0.10)`,
      [kept.nulls, kept.over, corrupt.negative, corrupt.price],
    );
    const port = await freePort();
    monolithUrl = `http://127.0.0.1:${port}`;
    monolith = spawnTs('apps/legacy-monolith/src/main.ts', {
      LEGACY_DATABASE: name,
      LEGACY_HTTP_PORT: String(port),
    });
    await waitForOutput(monolith, /legacy-monolith ready/);

    await capture.register();
    Object.assign(process.env, capture.env);
    const { startInventoryService } = await import('./inventory-fixtures');
    service = await startInventoryService();
  });

  afterAll(() =>
    closeEach(
      () => service?.close(),
      () => service?.revoke(),
      async () => {
        monolith?.kill('SIGTERM');
        if (monolith) await waitForExit(monolith);
      },
      () => capture.close(),
    ),
  );

  const inventory = () => service as RunningInventory;
  const legacyRefs = async () =>
    (await legacy.query<{ ref: string }>(`SELECT "REF_ARTICLE" AS ref FROM "STOCK" ORDER BY 1`)).rows.map(
      (row) => row.ref,
    );
  const synced = async () => {
    const db = new Client(inventory().db.settings);
    await db.connect();
    try {
      return Number((await db.query('SELECT count(*) AS n FROM legacy_stock_item_keys')).rows[0].n);
    } finally {
      await db.end();
    }
  };
  const monolithAnswer = async (ref: string) => {
    const answer = await fetch(`${monolithUrl}/api/stock/${encodeURIComponent(ref)}`);
    return { status: answer.status, body: JSON.parse(await answer.text()) };
  };
  const inventoryAnswer = async (ref: string) => {
    const answer = await inventory()
      .http()
      .get(`/legacy/api/stock/${encodeURIComponent(ref)}`);
    return { status: answer.status, body: answer.body };
  };
  /** Every article but the corrupt ones, answered by inventory exactly as by the monolith. */
  const differences = async (refs: string[]) => {
    const found: unknown[] = [];
    for (const ref of refs) {
      const [cloud, monolithic] = [await inventoryAnswer(ref), await monolithAnswer(ref)];
      if (JSON.stringify(cloud) !== JSON.stringify(monolithic)) found.push({ ref, cloud, monolithic });
    }
    return found;
  };
  /** The reason and error of each dead letter of `ref` (its key is Debezium's, which holds the ref). */
  const lettersOf = (letters: ReadMessage[], ref: string) =>
    letters
      .filter((letter) => letter.key?.includes(`"${ref}"`))
      .map((letter) => [letter.headers.dlq_reason, letter.headers.dlq_error]);
  const quarantinedCount = () => capture.counted(inventory().metricsUrl, 'STOCK');

  it('serves every generated article as the monolith does, NULLs included; the corrupt rows quarantined with their reasons', async () => {
    const refs = await legacyRefs();
    const legitimate = refs.filter((ref) => !Object.values(corrupt).includes(ref));
    expect(legitimate.length).toBe(152);
    await eventually(async () => (await synced()) === legitimate.length, 180_000, 1_000);
    expect(await differences(legitimate)).toEqual([]);
    expect((await inventoryAnswer(kept.nulls)).body).toEqual({
      refArticle: kept.nulls,
      libelle: null,
      qteDispo: 0,
      qteReservee: null,
      prix: null,
    });
    expect((await inventory().http().get(`/stock-items/${kept.over}`)).body).toMatchObject({
      onHand: 17,
      reserved: 15,
      available: 2,
    });

    const letters = await readUntil(testKafka(), dlq, (m) => m.length >= 2, 60_000);
    expect(letters).toHaveLength(2);
    expect(lettersOf(letters, corrupt.negative)).toEqual([
      ['quarantined', expect.stringContaining('QTE_DISPO is negative')],
    ]);
    expect(lettersOf(letters, corrupt.price)).toEqual([['quarantined', expect.stringContaining('PRIX is negative')]]);
    expect(await quarantinedCount()).toBe(2);
    for (const ref of [corrupt.negative, corrupt.price])
      expect(await inventoryAnswer(ref)).toEqual({
        status: 404,
        body: { codeErreur: 'STK-404', libelle: 'Article inexistant' },
      });
  });

  it('follows the rows legacy changes afterwards, and quarantines a corrupt one written then', async () => {
    const [first] = await legacyRefs();
    await legacy.query(`UPDATE "STOCK" SET "QTE_RESERVEE" = NULL, "QTE_DISPO" = 7 WHERE "REF_ARTICLE" = $1`, [first]);
    await legacy.query(`UPDATE "STOCK" SET "QTE_RESERVEE" = 4, "LIBELLE" = 'Named' WHERE "REF_ARTICLE" = $1`, [
      kept.nulls,
    ]);
    await legacy.query(`INSERT INTO "STOCK" VALUES ($1, 'Streamed', 1, -1, 2.00)`, [corrupt.streamed]);
    await eventually(async () => (await quarantinedCount()) === 3, 120_000, 500);
    await eventually(async () => (await differences([first, kept.nulls])).length === 0, 60_000, 500);
    expect((await inventoryAnswer(kept.nulls)).body).toEqual({
      refArticle: kept.nulls,
      libelle: 'Named',
      qteDispo: 0,
      qteReservee: 4,
      prix: null,
    });
    const letters = await readUntil(testKafka(), dlq, (m) => m.length >= 3, 60_000);
    expect(letters).toHaveLength(3);
    expect(lettersOf(letters, corrupt.streamed)).toEqual([
      ['quarantined', expect.stringContaining('QTE_RESERVEE is negative')],
    ]);
    expect((await inventoryAnswer(corrupt.streamed)).status).toBe(404);
  });

  it('answers the legacy:read role only, and a reference the monolith could not hold with a problem naming it', async () => {
    const server = inventory().app.getHttpServer();
    const [first] = await legacyRefs();
    const as = async (user?: 'legacy-reader' | 'reader') =>
      (
        await request(server)
          .get(`/legacy/api/stock/${first}`)
          .set(user ? { authorization: `Bearer ${await tokenFor(user)}` } : {})
      ).status;
    expect([await as('legacy-reader'), await as('reader'), await as()]).toEqual([200, 403, 401]);
    const tooLong = await inventory()
      .http()
      .get(`/legacy/api/stock/${'X'.repeat(21)}`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.headers['content-type']).toContain('application/problem+json');
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ parameter: 'refArticle' })]);
  });
});
