/**
 * @exclusive runs prepare.sh on the shared PostgreSQL, uses fixed names (database, topics and role of lgprobe), and
 * runs nx, tsc and a Jest of its own (minutes of both cores).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PoolClient } from 'pg';
import {
  closeEach,
  deleteTopics,
  eventually,
  freePort,
  importRealmAdditions,
  suiteCapture,
  testKafka,
  waitForExit,
} from '@bascule/shared/testing';
import { adminSql, adminSqlIn, copyWorkspace, run } from './generated-workspace';

/**
 * The legacy-table generator's promise, kept on a copy of this workspace: a context gets a parent and a child legacy
 * table (COMMANDES, and LIGNES_COMMANDE into the aggregate's collection) and a second, unrelated parent table
 * (STOCK into another aggregate), through `nx g @bascule/plugin:legacy-table` only; it lints, type-checks, passes
 * its generated tests, and on real PostgreSQL, Debezium (a connector of this test's own on Connect) and Kafka, a
 * legacy transaction writing an order and its lines is applied as one change, then a change of the order alone.
 */
describe('legacy tables synced into a generated context by `nx g @bascule/plugin:legacy-table`', () => {
  jest.setTimeout(20 * 60_000);
  const workspace = copyWorkspace();
  const root = workspace.root;
  const id = randomBytes(4).toString('hex');
  const capture = suiteCapture({
    id,
    name: 'legacygen',
    // The probe context's own dead-letter topic of each table (ADR 0044).
    context: 'lgprobe',
    tables: ['COMMANDES', 'LIGNES_COMMANDE', 'STOCK'],
    // The legacy schema's columns (apps/legacy-monolith/sql/schema.sql), the lines' key deferred so they may come first.
    schema: `CREATE TABLE "COMMANDES" ("NO_COMMANDE" integer PRIMARY KEY, "NO_CLIENT" integer NOT NULL,
      "DATE_COMMANDE" varchar(10), "STATUT" char(1) NOT NULL DEFAULT 'E', "MONTANT_TOTAL" numeric(12, 2));
    CREATE TABLE "LIGNES_COMMANDE" (
      "NO_COMMANDE" integer NOT NULL REFERENCES "COMMANDES" DEFERRABLE INITIALLY DEFERRED, "NO_LIGNE" integer NOT NULL,
      "REF_ARTICLE" varchar(20) NOT NULL, "QUANTITE" integer NOT NULL, "PRIX_UNITAIRE" numeric(10, 2) NOT NULL,
      PRIMARY KEY ("NO_COMMANDE", "NO_LIGNE"));
    CREATE TABLE "STOCK" ("REF_ARTICLE" varchar(20) PRIMARY KEY, "LIBELLE" varchar(120),
      "QTE_DISPO" integer NOT NULL DEFAULT 0, "QTE_RESERVEE" integer, "PRIX" numeric(10, 2))`,
  });
  const nx = (...args: string[]) => run(root, 'npx', ['nx', 'g', ...args, '--no-interactive']);
  const contextSql = (sql: string) => adminSqlIn(root, 'bascule_lgprobe', sql).then((rows) => rows.trim());
  let revoke: (() => Promise<void>) | undefined;
  let service: ChildProcess | undefined;
  let legacy: PoolClient | undefined;

  afterAll(async () => {
    // Every step runs, whichever fails: what one leaves behind in the shared infrastructure must not stay.
    await closeEach(
      async () => {
        service?.kill('SIGTERM');
        if (service) await waitForExit(service);
      },
      () => legacy?.release(),
      () => capture.close(),
      () => revoke?.(),
      async () => {
        const databases = await adminSql(
          root,
          "SELECT datname FROM pg_database WHERE datname = 'bascule_lgprobe' OR datname LIKE 'test\\_lgprobe\\_%'",
        );
        const drops = databases
          .split('\n')
          .filter(Boolean)
          .map((name) => `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await adminSql(root, ...drops, 'DROP ROLE IF EXISTS bascule_lgprobe_service');
      },
      () => deleteTopics(testKafka(), ['lgprobe.events.v1', 'lgprobe.events.v1.dlq']),
      async () => {
        const admin = testKafka().admin();
        await admin.connect();
        try {
          const { groups } = await admin.listGroups();
          const own = groups.map((group) => group.groupId).filter((group) => group.startsWith('lgprobe-service'));
          if (own.length) await admin.deleteGroups(own);
        } finally {
          await admin.disconnect();
        }
      },
    ).finally(() => workspace.remove());
  });

  it('adds a parent and a child table to one aggregate and another parent table to a second aggregate, each run adding to what is there; lints and type-checks', async () => {
    await nx(
      '@bascule/plugin:bounded-context',
      'lgprobe',
      '--aggregate',
      'Purchase',
      `--http-port=${await freePort()}`,
      `--grpc-port=${await freePort()}`,
      '--fields',
      'statut:string montantTotal:text?',
    );
    await nx(
      '@bascule/plugin:entity',
      'PurchaseLine',
      '--context',
      'lgprobe',
      '--aggregate',
      'Purchase',
      '--fields',
      'refArticle:string quantite:int prixUnitaire:text',
    );
    await nx(
      '@bascule/plugin:aggregate',
      'Article',
      '--context',
      'lgprobe',
      '--fields',
      'libelle:string? qteDispo:int',
    );
    await nx('@bascule/plugin:legacy-table', 'COMMANDES', '--context', 'lgprobe', '--aggregate', 'Purchase');
    await nx('@bascule/plugin:legacy-table', 'STOCK', '--context', 'lgprobe', '--aggregate', 'Article');
    await nx(
      '@bascule/plugin:legacy-table',
      'LIGNES_COMMANDE',
      '--context',
      'lgprobe',
      '--parent',
      'COMMANDES',
      '--entity',
      'PurchaseLine',
    );
    const lint = await run(root, 'npx', ['nx', 'run-many', '-t', 'lint', '-p', 'lgprobe-*', 'anti-corruption']);
    expect(lint).toMatch(/Successfully ran target lint for 7 projects/);
    await run(root, 'npx', ['prettier', '--check', 'libs/lgprobe', 'apps/lgprobe-service', 'libs/anti-corruption']);
    await run(root, 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  });

  it('passes its generated unit, integration and e2e tests, the legacy tables’ included', async () => {
    await run(root, 'bash', ['tools/infra/postgres/prepare.sh']);
    await run(root, 'node', ['tools/infra/kafka/create-topics.js']);
    revoke = await importRealmAdditions(join(root, 'tools/infra/keycloak/realm-bascule.json'));
    const tests = await run(
      root,
      'npx',
      ['jest', '--runInBand', 'libs/lgprobe', 'apps/lgprobe-service', 'libs/anti-corruption/src/lgprobe'],
      { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    );
    expect(tests).toMatch(/Test Suites:\s+(\d+) passed, \1 total/);
    expect(tests).toContain('sync-purchase-from-legacy-tables.handler.spec.ts');
    expect(tests).toContain('sync-article-from-legacy-tables.handler.spec.ts');
    expect(tests).toContain('lgprobe/legacy-lignes-commande.capture.spec.ts');
    expect(tests).toContain('lgprobe/legacy-stock.capture.spec.ts');
  });

  it('on Debezium and Kafka: an order written with its lines is one change of its aggregate, then a change of the order alone, then of the order and its lines', async () => {
    await capture.start();
    // One connection: the legacy transactions below are written on it.
    legacy = await capture.legacy.connect();
    await capture.register();

    // The generated service as a test runs it (NODE_ENV=test: its database role, Kafka as the admin), reading this
    // test's connector's topics.
    const http = Number(
      JSON.parse(readFileSync(join(root, 'apps/lgprobe-service/context.manifest.json'), 'utf8')).httpPort,
    );
    let said = '';
    service = spawn(
      'node',
      ['-r', './tools/infra/local-secrets.js', '-r', '@swc-node/register', 'apps/lgprobe-service/src/main.ts'],
      {
        cwd: root,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          LOG_LEVEL: 'warn',
          SWC_NODE_PROJECT: 'tsconfig.base.json',
          BASCULE_SECRETS: workspace.secrets,
          LEGACY_TOPIC_PREFIX: capture.prefix,
          LGPROBE_METRICS_PORT: String(await freePort()),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const listen = (chunk: Buffer) => (said = `${said}${chunk.toString()}`.slice(-8000));
    service.stdout?.on('data', listen);
    service.stderr?.on('data', listen);
    const explained = (error: Error) => {
      throw new Error(`${error.message}; the service said: ${said}`);
    };
    await eventually(
      async () => (await fetch(`http://127.0.0.1:${http}/health/ready`).catch(() => undefined))?.ok ?? false,
      180_000,
      500,
    ).catch(explained);

    // One legacy transaction: three lines, then their order (the foreign key deferred), and an article of the stock.
    await legacy.query('BEGIN');
    await legacy.query(`INSERT INTO "LIGNES_COMMANDE" VALUES (700001, 1, 'REF-1', 2, 9.90), (700001, 2, 'REF-2', 1, 4.50),
      (700001, 3, 'REF-3', 5, 1.25)`);
    await legacy.query(`INSERT INTO "COMMANDES" VALUES (700001, 42, '01/12/2026', 'E', 30.05)`);
    await legacy.query(`INSERT INTO "STOCK" VALUES ('REF-1', 'Vis', 120, NULL, 0.10)`);
    await legacy.query('COMMIT');

    const purchase = () => contextSql('SELECT id, version, statut, montant_total FROM purchases');
    const [purchaseId, version, statut, total] = (
      (await eventually(async () => (await purchase()) || false, 120_000, 500).catch(explained)) as string
    ).split('|');
    // Created with its three lines by one command: version 4 (created, three lines added) at once, never 1, 2 or 3.
    expect({ version, statut, total }).toEqual({ version: '4', statut: 'E', total: '30.05' });
    const lines = await contextSql(
      `SELECT ref_article, quantite, prix_unitaire FROM purchase_lines WHERE purchase_id = '${purchaseId}' ORDER BY ref_article`,
    );
    expect(lines.split('\n')).toEqual(['REF-1|2|9.90', 'REF-2|1|4.50', 'REF-3|5|1.25']);
    const events = async () =>
      (
        await contextSql(
          `SELECT payload->>'aggregateVersion', type, headers->>'correlation_id' FROM outbox_all
           WHERE aggregateid = '${purchaseId}' ORDER BY (payload->>'aggregateVersion')::int`,
        )
      )
        .split('\n')
        .map((row) => row.split('|'));
    const created = await events();
    expect(created.map(([v, type]) => [v, type])).toEqual([
      ['1', 'lgprobe.purchase-created'],
      ['2', 'lgprobe.purchase-line-added'],
      ['3', 'lgprobe.purchase-line-added'],
      ['4', 'lgprobe.purchase-line-added'],
    ]);
    // One command: every event carries the metadata of one change (row by row, each row's lsn would differ).
    expect(new Set(created.map(([, , correlation]) => correlation)).size).toBe(1);
    expect(await contextSql('SELECT libelle, qte_dispo, version FROM articles')).toBe('Vis|120|1');

    // The order alone changes in legacy: applied to the same aggregate, its lines untouched.
    await legacy.query(`UPDATE "COMMANDES" SET "STATUT" = 'V' WHERE "NO_COMMANDE" = 700001`);
    expect(
      await eventually(async () => (await purchase()).endsWith('|5|V|30.05') && (await purchase()), 120_000, 500).catch(
        explained,
      ),
    ).toBe(`${purchaseId}|5|V|30.05`);
    expect((await events()).slice(4).map(([v, type]) => [v, type])).toEqual([
      ['5', 'lgprobe.purchase-synced-from-legacy'],
    ]);
    expect(await contextSql(`SELECT count(*) FROM purchase_lines`)).toBe('3');
    // The order and its lines change in one legacy transaction: one command again (the order's fields, then its lines).
    await legacy.query('BEGIN');
    await legacy.query(`UPDATE "COMMANDES" SET "STATUT" = 'L' WHERE "NO_COMMANDE" = 700001`);
    await legacy.query(`INSERT INTO "LIGNES_COMMANDE" VALUES (700001, 4, 'REF-4', 1, 2.00)`);
    await legacy.query(`UPDATE "LIGNES_COMMANDE" SET "QUANTITE" = 3 WHERE "NO_COMMANDE" = 700001 AND "NO_LIGNE" = 1`);
    await legacy.query('COMMIT');
    await eventually(async () => (await purchase()).includes('|L|'), 120_000, 500).catch(explained);
    const together = (await events()).slice(5);
    expect(together.map(([v]) => v)).toEqual(['6', '7', '8', '9']);
    expect(together.map(([, type]) => type).sort()).toEqual([
      'lgprobe.purchase-line-added',
      'lgprobe.purchase-line-added',
      'lgprobe.purchase-line-removed',
      'lgprobe.purchase-synced-from-legacy',
    ]);
    expect(together[0][1]).toBe('lgprobe.purchase-synced-from-legacy');
    expect(new Set(together.map(([, , correlation]) => correlation)).size).toBe(1);
    expect((await purchase()).split('|').slice(1)).toEqual(['9', 'L', '30.05']);
    expect(
      (await contextSql(`SELECT ref_article, quantite FROM purchase_lines ORDER BY ref_article`)).split('\n'),
    ).toEqual(['REF-1|3', 'REF-2|1', 'REF-3|5', 'REF-4|1']);
    // Nothing left buffered, nothing set aside.
    expect(
      await contextSql(
        `SELECT (SELECT count(*) FROM legacy_purchase_tx_changes) + (SELECT count(*) FROM legacy_article_tx_changes)
           + (SELECT count(*) FROM legacy_purchase_tx_ends WHERE set_aside_at IS NOT NULL)`,
      ),
    ).toBe('0');
  });
});
