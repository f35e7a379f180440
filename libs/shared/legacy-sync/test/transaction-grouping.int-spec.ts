import { DeadLetterPublisher } from '@bascule/shared/messaging';
import { executorOf } from '@bascule/shared/persistence';
import {
  connectorRunning,
  connectUrl,
  createTestDatabase,
  createTopics,
  deleteTopics,
  eventually,
  ReadMessage,
  readUntil,
  registerTestConnector,
  TestDatabase,
  testKafka,
} from '@bascule/shared/testing';
import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { GroupedSource, TransactionReleaser } from '../src/transactions/buffering-applier';
import { GroupedLegacySync } from '../src/transactions/grouped-legacy-sync';
import { PgTransactionBuffer } from '../src/transactions/pg-transaction-buffer';
import { transactionBufferTablesUp } from '../src/transactions/transaction-buffer-tables';
import { groupByAggregate } from '../src/transactions/transaction-grouping';
import { COMMANDES, LIGNES_COMMANDE, orderTopics, readEnd } from './debezium-orders';

/**
 * COMMANDES and LIGNES_COMMANDE on real PostgreSQL, Debezium and Kafka: each legacy transaction's order and
 * lines reach the context as one group per order, once, however their rows are spread over topics and
 * partitions, across a restart of the connector and of the consumers.
 */
describe('legacy transactions grouped from Debezium transaction metadata', () => {
  const id = randomBytes(4).toString('hex');
  const name = `bascule-txgroup-${id}`;
  const prefix = `txgroup${id}`;
  const topics = orderTopics(prefix);
  const kafka = testKafka();
  const producer = kafka.producer();
  let legacyDb: TestDatabase;
  let contextDb: TestDatabase;
  let legacy: Client;
  let pool: Pool;
  let sync: GroupedLegacySync | undefined;
  const partitionsReleased: (number | null)[] = [];

  /** Orders the context's model refuses: their transaction fails its release every time. */
  const refusedOrders = new Set<number>();
  const release: TransactionReleaser = async (transactions) => {
    for (const transaction of transactions) {
      partitionsReleased.push(...transaction.changes.map((change) => change.partition));
      const decode = (change: { table: string; value: Buffer }) =>
        (change.table === 'COMMANDES' ? COMMANDES : LIGNES_COMMANDE).decode(change.value);
      const orderOf = (change: { table: string; value: Buffer }) => String(decode(change)?.row['NO_COMMANDE']);
      for (const [order, changes] of groupByAggregate(transaction.changes, orderOf)) {
        if (refusedOrders.has(Number(order))) throw new Error(`order ${order} refused`);
        await executorOf(pool).query(`INSERT INTO applied_groups (tx_id, order_no, rows) VALUES ($1, $2, $3)`, [
          transaction.transactionId,
          Number(order),
          JSON.stringify(changes.map((change) => (decode(change)?.deleted ? '-' : '') + change.table)),
        ]);
      }
    }
    return { applied: [], erased: [] };
  };

  async function startConsumers() {
    const buffer = new PgTransactionBuffer(pool, ['COMMANDES', 'LIGNES_COMMANDE']);
    const sources: GroupedSource[] = [
      { kind: 'changes', topic: topics.orders, capture: COMMANDES },
      { kind: 'changes', topic: topics.lines, capture: LIGNES_COMMANDE },
      { kind: 'transactions', topic: topics.transactions, readEnd },
    ];
    const groupIdOf = (source: GroupedSource) => `txgroup-${id}-${source.topic.split('.').pop()}`;
    sync = new GroupedLegacySync(
      kafka,
      buffer,
      sources,
      release,
      new DeadLetterPublisher(producer),
      { groupIdOf, purgeIntervalMs: 200, offsetCommitIntervalMs: 200 },
      { warn: () => undefined },
    );
    // Supervised starts: a topic Kafka has just made may not be served yet by the first attempt.
    sync.launch();
    await eventually(async () => sync?.running ?? false, 60_000);
  }
  const stopConsumers = async () => {
    await sync?.stop();
  };

  /** One legacy transaction: an order with lines, written in the given order (`lines-first` needs the deferred FK). */
  async function writeOrder(no: number, lines: number, order: 'lines-first' | 'one-statement' | 'order-first') {
    const values = Array.from({ length: lines }, (_, i) => `(${no}, ${i + 1}, 'REF-${i}', ${i + 1}, 9.90)`).join(', ');
    const insertLines = `INSERT INTO "LIGNES_COMMANDE" VALUES ${values}`;
    const insertOrder = `INSERT INTO "COMMANDES" VALUES (${no}, 'E', 12.50)`;
    await legacy.query('BEGIN');
    if (order === 'lines-first') await legacy.query(insertLines).then(() => legacy.query(insertOrder));
    if (order === 'order-first') await legacy.query(insertOrder).then(() => legacy.query(insertLines));
    if (order === 'one-statement') await legacy.query(`WITH o AS (${insertOrder}) ${insertLines}`);
    await legacy.query('COMMIT');
  }

  beforeAll(async () => {
    legacyDb = await createTestDatabase('txgroup_legacy');
    contextDb = await createTestDatabase('txgroup_context');
    legacy = new Client(legacyDb.settings);
    await legacy.connect();
    await legacy.query(
      `CREATE TABLE "COMMANDES" ("NO_COMMANDE" integer PRIMARY KEY, "STATUT" char(1), "MONTANT_TOTAL" numeric(12, 2))`,
    );
    await legacy.query(`CREATE TABLE "LIGNES_COMMANDE" (
      "NO_COMMANDE" integer NOT NULL REFERENCES "COMMANDES" DEFERRABLE INITIALLY DEFERRED, "NO_LIGNE" integer NOT NULL,
      "REF_ARTICLE" varchar(20) NOT NULL, "QUANTITE" integer NOT NULL, "PRIX_UNITAIRE" numeric(10, 2) NOT NULL,
      PRIMARY KEY ("NO_COMMANDE", "NO_LIGNE"))`);
    pool = new Pool({ ...contextDb.settings, max: 6 });
    for (const statement of transactionBufferTablesUp()) await pool.query(statement);
    await pool.query(`CREATE TABLE applied_groups (tx_id text, order_no integer, rows jsonb)`);
    await createTopics(kafka, Object.values(topics), 3);
    await producer.connect();
    const registered = await registerTestConnector(name, legacyDb, {
      id,
      prefix,
      tables: ['COMMANDES', 'LIGNES_COMMANDE'],
      config: {
        'provide.transaction.metadata': 'true',
        'decimal.handling.mode': 'string',
        'poll.interval.ms': '50',
        'topic.creation.default.partitions': '3',
      },
    });
    expect(registered.status).toBe(201);
    await connectorRunning(name);
  }, 180_000);

  afterAll(async () => {
    await stopConsumers();
    await fetch(`${connectUrl}/connectors/${name}`, { method: 'DELETE' }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await legacy
      ?.query(
        `SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active`,
        [`slot_${id}`],
      )
      .catch(() => undefined);
    await legacy?.end();
    await producer.disconnect();
    await pool?.end();
    await deleteTopics(kafka, Object.values(topics));
    await legacyDb?.drop();
    await contextDb?.drop();
  }, 60_000);

  it('applies each order with its lines as one group, lines written before, with and after it, across restarts', async () => {
    await startConsumers();
    const written = new Map<number, number>();
    const write = async (no: number, lines: number, order: Parameters<typeof writeOrder>[2]) => {
      await writeOrder(no, lines, order);
      written.set(no, lines);
    };
    await write(1, 3, 'lines-first');
    await write(2, 2, 'one-statement');
    await write(3, 4, 'order-first');
    const applied = () =>
      pool.query<{ n: number }>('SELECT count(*)::int AS n FROM applied_groups').then((r) => r.rows[0].n);
    await eventually(async () => (await applied()) >= 1, 60_000);

    // The connector and its task restart while the consumers run, then the consumers restart while legacy writes.
    const restarted = await fetch(`${connectUrl}/connectors/${name}/restart?includeTasks=true`, { method: 'POST' });
    expect(restarted.ok).toBe(true);
    await write(4, 2, 'lines-first');
    await connectorRunning(name);
    await write(5, 5, 'order-first');
    await stopConsumers();
    await write(6, 1, 'one-statement');
    await write(7, 3, 'lines-first');
    await startConsumers();
    await write(8, 2, 'order-first');

    await eventually(async () => (await applied()) >= written.size, 120_000, 200);
    const groups = await pool.query<{ tx_id: string; order_no: number; rows: string[] }>(
      'SELECT tx_id, order_no, rows FROM applied_groups ORDER BY order_no',
    );
    expect(groups.rows.map(({ order_no, rows }) => ({ order_no, rows: [...rows].sort() }))).toEqual(
      [...written].map(([no, lines]) => ({
        order_no: no,
        rows: ['COMMANDES', ...Array<string>(lines).fill('LIGNES_COMMANDE')].sort(),
      })),
    );
    expect(new Set(groups.rows.map((group) => group.tx_id)).size).toBe(written.size);
    expect(groups.rows.every((group) => /^\d+$/.test(group.tx_id))).toBe(true);
    expect((await pool.query('SELECT count(*)::int AS n FROM legacy_tx_changes')).rows).toEqual([{ n: 0 }]);
    expect(partitionsReleased.length).toBeGreaterThan(0);
    expect(partitionsReleased.every((partition) => partition !== null && partition >= 0 && partition < 3)).toBe(true);
  }, 300_000);

  it('purges, while it consumes, the transactions released before the retention, and only those', async () => {
    await pool.query(`INSERT INTO legacy_tx_ends (tx_id, counts, ended_at, released_at) VALUES
      ('purged', '{}', now() - interval '16 days', now() - interval '15 days'),
      ('recent', '{}', now() - interval '13 days', now() - interval '13 days'),
      ('waiting', '{"COMMANDES": 1}', now() - interval '16 days', NULL)`);
    const left = () =>
      pool
        .query<{ tx_id: string }>(`SELECT tx_id FROM legacy_tx_ends WHERE tx_id IN ('purged', 'recent', 'waiting')`)
        .then((result) => result.rows.map((row) => row.tx_id).sort());
    await eventually(async () => (await left()).length === 2, 60_000, 100);
    expect(await left()).toEqual(['recent', 'waiting']);
    await pool.query(`DELETE FROM legacy_tx_ends WHERE tx_id IN ('recent', 'waiting')`);
  }, 90_000);

  it('sets a transaction its releaser refuses aside whole, every change dead-lettered, and goes on', async () => {
    refusedOrders.add(30);
    await writeOrder(30, 2, 'lines-first');
    await writeOrder(31, 1, 'order-first');
    const appliedOrders = () =>
      pool
        .query<{ order_no: number }>('SELECT order_no FROM applied_groups WHERE order_no IN (30, 31)')
        .then((result) => result.rows.map((row) => row.order_no));
    await eventually(async () => (await appliedOrders()).length >= 1, 120_000, 200);

    const lettersOf30 = (messages: ReadMessage[]) =>
      messages.filter((message) => JSON.parse(message.value ?? '{}').after?.NO_COMMANDE === 30);
    const orderLetters = lettersOf30(
      await readUntil(kafka, topics.ordersDlq, (messages) => lettersOf30(messages).length >= 1, 60_000),
    );
    const lineLetters = lettersOf30(
      await readUntil(kafka, topics.linesDlq, (messages) => lettersOf30(messages).length >= 2, 60_000),
    );
    expect(orderLetters).toHaveLength(1);
    expect(lineLetters.map((letter) => JSON.parse(letter.value ?? '{}').after.NO_LIGNE).sort()).toEqual([1, 2]);
    expect([...orderLetters, ...lineLetters].every((letter) => letter.headers['dlq_reason'] === 'handler-failed')).toBe(
      true,
    );
    expect(await appliedOrders()).toEqual([31]);
    const ends = await pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM legacy_tx_ends WHERE set_aside_at IS NOT NULL AND released_at IS NOT NULL',
    );
    expect(ends.rows).toEqual([{ n: 1 }]);
    expect((await pool.query('SELECT count(*)::int AS n FROM legacy_tx_changes')).rows).toEqual([{ n: 0 }]);
  }, 180_000);

  it('applies a primary-key update, a delete and a create from one log record, with the rest of its transaction', async () => {
    await writeOrder(20, 2, 'order-first');
    await legacy.query('BEGIN');
    await legacy.query(`UPDATE "LIGNES_COMMANDE" SET "NO_LIGNE" = 9 WHERE "NO_COMMANDE" = 20 AND "NO_LIGNE" = 2`);
    await legacy.query(`UPDATE "COMMANDES" SET "STATUT" = 'V' WHERE "NO_COMMANDE" = 20`);
    await legacy.query('COMMIT');

    const groupsOf20 = () =>
      pool
        .query<{ rows: string[] }>('SELECT rows FROM applied_groups WHERE order_no = 20 ORDER BY tx_id::bigint')
        .then((result) => result.rows.map((group) => group.rows));
    await eventually(async () => (await groupsOf20()).length >= 2, 120_000, 200);
    expect(await groupsOf20()).toEqual([
      ['COMMANDES', 'LIGNES_COMMANDE', 'LIGNES_COMMANDE'],
      ['-LIGNES_COMMANDE', 'LIGNES_COMMANDE', 'COMMANDES'],
    ]);
    expect((await pool.query('SELECT count(*)::int AS n FROM legacy_tx_changes')).rows).toEqual([{ n: 0 }]);
  }, 180_000);
});
