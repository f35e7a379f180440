import { CommandMetadata } from '@bascule/shared/application';
import {
  ERASED_FIELD,
  executorOf,
  MasterKey,
  messagingTablesUp,
  PersonalFields,
  rowsOf,
  shredSubject,
  SubjectKeys,
  subjectKeysTableUp,
} from '@bascule/shared/persistence';
import { eventually, readUntil, topicEnd } from '@bascule/shared/testing';
import { randomBytes } from 'node:crypto';
import { register } from 'prom-client';
import { keyMapTableUp } from '../src/key-map/key-map-table';
import { PgLegacyKeyMap } from '../src/key-map/pg-legacy-key-map';
import { PgLegacySource } from '../src/source/legacy-source';
import { LEGACY_RESTORE_RUNBOOK } from '../src/source/source-restore-guard';
import { WatchedLegacySource } from '../src/source/source-restore-watch';
import { GroupedSource } from '../src/transactions/buffering-applier';
import { GroupedLegacySync } from '../src/transactions/grouped-legacy-sync';
import {
  CapturedGroup,
  groupLetterSealer,
  groupReleaser,
  LegacyGroupDefinition,
} from '../src/transactions/legacy-group';
import { PgTransactionBuffer } from '../src/transactions/pg-transaction-buffer';
import { transactionBufferTablesUp } from '../src/transactions/transaction-buffer-tables';
import { COMMANDES, LIGNES_COMMANDE, orderEnvelope, orderTopics, readEnd, transactionEnd } from './debezium-orders';
import { LegacySyncFixture } from './legacy-sync-fixture';

type Row = Record<string, unknown>;
const KEY_MAP = { table: 'legacy_guarded_order_keys', keyType: 'text' } as const;
const orderIdOf = (key: unknown) => `00000000-0000-4000-8000-${String(key).padStart(12, '0')}`;

class SyncGuardedOrder {
  constructor(
    readonly orderId: string,
    readonly rows: Row[],
    readonly metadata: CommandMetadata,
  ) {}
}

/** The tests' context: a group is one row of `applied_orders`; a line whose article starts with BAD is refused. */
const definition: LegacyGroupDefinition<Row[]> = {
  service: 'guarded-orders-test',
  tables: [
    COMMANDES,
    { capture: LIGNES_COMMANDE, parent: COMMANDES, parentKeyOf: (row) => row['NO_COMMANDE'] as number },
  ],
  readEnd,
  keyMap: KEY_MAP,
  aggregateIdOf: orderIdOf,
  translate: (group: CapturedGroup) => {
    const rows = [group.root, ...Object.values(group.children).flat()].flatMap((change) =>
      change ? [change.row] : [],
    );
    return rows.some((row) => String(row['REF_ARTICLE'] ?? '').startsWith('BAD'))
      ? { quarantine: ['REF_ARTICLE is not an article'] }
      : { value: rows, kept: null };
  },
  command: (orderId, rows, metadata) => new SyncGuardedOrder(orderId, rows, metadata),
};

/**
 * A grouped legacy sync (ADR 0031) on the real PostgreSQL and Kafka, records produced as Debezium writes them
 * (envelopes and `<prefix>.transaction` ENDs): erasure marks honoured as by a table's sync (ADR 0033), a restored
 * legacy database stopping it (ADR 0035), and the lag of its buffer on `/metrics`. Each test has its own topics,
 * consumer groups and buffer tables.
 */
describe('a grouped legacy sync', () => {
  const fixture = new LegacySyncFixture('legacy_guarded', 6);
  const { producer } = fixture;
  const id = randomBytes(4).toString('hex');
  const errors: { payload: object; message: string }[] = [];
  const warnings: { payload: object; message: string }[] = [];
  /** Everything the syncs logged, as text (errors serialised with their message too). */
  const logged = () =>
    JSON.stringify([...errors, ...warnings], (_, value) =>
      value instanceof Error ? { ...value, message: value.message } : value,
    );
  let lanes = 0;

  beforeAll(() =>
    fixture.setUp([
      ...messagingTablesUp,
      ...subjectKeysTableUp,
      ...keyMapTableUp(KEY_MAP),
      `CREATE TABLE applied_orders (order_id uuid, tx text, rows jsonb, seq bigserial)`,
    ]),
  );
  afterAll(() => fixture.tearDown());

  /** Its own topics (3 partitions), buffer tables and consumer groups; the sync started when `start` is not false. */
  const personal = new PersonalFields(new SubjectKeys(MasterKey.of(randomBytes(32).toString('hex'))));

  async function groupLane(source?: WatchedLegacySource, start = true) {
    const n = ++lanes;
    const prefix = `guarded${id}${n}`;
    const topics = orderTopics(prefix);
    await fixture.topicsOf([...Object.values(topics), `${topics.transactions}.dlq`], 3);
    const tables = { changes: `guarded_tx_changes_${n}`, ends: `guarded_tx_ends_${n}` };
    for (const statement of transactionBufferTablesUp(tables)) await fixture.pool.query(statement);
    const buffer = new PgTransactionBuffer(fixture.pool, ['COMMANDES', 'LIGNES_COMMANDE'], tables);
    const sources: GroupedSource[] = [
      { kind: 'changes', topic: topics.orders, capture: COMMANDES },
      { kind: 'changes', topic: topics.lines, capture: LIGNES_COMMANDE },
      { kind: 'transactions', topic: topics.transactions, readEnd },
    ];
    const groupIdOf = (s: { topic: string }) => `guarded-${id}-${n}-${s.topic.split('.').pop()}`;
    const commands = {
      execute: async ({ orderId, rows, metadata }: SyncGuardedOrder) =>
        executorOf(fixture.pool).query(`INSERT INTO applied_orders (order_id, tx, rows) VALUES ($1, $2, $3)`, [
          orderId,
          metadata.causationId,
          JSON.stringify(rows),
        ]),
    };
    const makeSync = (suffix = '') =>
      fixture.stopsAfter(
        new GroupedLegacySync(
          fixture.kafka,
          buffer,
          sources,
          groupReleaser(definition, new PgLegacyKeyMap(fixture.pool, KEY_MAP), commands),
          fixture.deadLetters(),
          {
            groupIdOf: (s) => groupIdOf(s) + suffix,
            purgeIntervalMs: 60_000,
            offsetCommitIntervalMs: 100,
            source,
            seal: groupLetterSealer(definition, personal, fixture.pool),
          },
          {
            warn: (payload, message) => warnings.push({ payload, message }),
            error: (payload, message) => errors.push({ payload, message }),
          },
        ),
      );
    const sync = makeSync();
    if (start) {
      sync.launch();
      await eventually(async () => sync.running, 60_000);
    }
    const consumedToEnd = async () => {
      for (const s of sources) await fixture.consumedToEnd({ topic: s.topic, groupId: groupIdOf(s) });
    };
    const send = (topic: string, messages: { key: string; value: string }[]) => producer.send({ topic, messages });
    return { topics, tables, buffer, sync, makeSync, consumedToEnd, send, groupIdOf, sources };
  }

  const applied = async (orders: number[]) =>
    (
      await fixture.pool.query<{ order_id: string; tx: string }>(
        `SELECT order_id, tx FROM applied_orders WHERE order_id = ANY($1) ORDER BY seq`,
        [orders.map(orderIdOf)],
      )
    ).rows.map((row) => `${orders[orders.map(orderIdOf).indexOf(row.order_id)]} ${row.tx}`);
  const count = async (sql: string, values: unknown[] = []) =>
    Number((await fixture.pool.query<{ n: string }>(sql, values)).rows[0].n);
  const metricValue = async (name: string, labels: Record<string, string>) =>
    (await register.getSingleMetric(name)?.get())?.values.find((value) =>
      Object.entries(labels).every(([label, expected]) => value.labels[label] === expected),
    )?.value ?? 0;
  const order = (no: number, extra: Row = {}) => ({ NO_COMMANDE: no, STATUT: 'E', MONTANT_TOTAL: '9.90', ...extra });
  const line = (no: number, n: number, sku = `REF-${n}`) => ({
    NO_COMMANDE: no,
    NO_LIGNE: n,
    REF_ARTICLE: sku,
    QUANTITE: n,
    PRIX_UNITAIRE: '9.90',
  });

  describe('with an erased aggregate', () => {
    it('drops the part of a transaction in flight that touches it, counted by table, never applied, dead-lettered or kept', async () => {
      const lane = await groupLane();
      const { topics, send } = lane;
      const [erased, kept] = [810_001 + lanes * 10, 810_002 + lanes * 10];
      const needle = `Ysolde-${id}`;
      await send(topics.orders, [
        orderEnvelope('COMMANDES', order(erased, { CLIENT_NOM: 'before' }), 100, 9101, 1),
        orderEnvelope('COMMANDES', order(kept), 101, 9101, 2),
      ]);
      await send(topics.lines, [
        orderEnvelope('LIGNES_COMMANDE', line(erased, 1), 102, 9101, 3),
        orderEnvelope('LIGNES_COMMANDE', line(kept, 1), 103, 9101, 4),
      ]);
      await send(topics.transactions, [transactionEnd(9101, 104, { COMMANDES: 2, LIGNES_COMMANDE: 2 })]);
      await eventually(async () => (await applied([erased, kept])).length === 2, 60_000, 100);

      // The next transaction is in flight (its rows buffered, its END not come) when the aggregate is erased: a
      // personal field in the order's row, and a line the model would refuse (which would set it all aside).
      await send(topics.orders, [orderEnvelope('COMMANDES', order(erased, { CLIENT_NOM: needle }), 200, 9102, 1, 'u')]);
      await send(topics.lines, [
        orderEnvelope('LIGNES_COMMANDE', line(erased, 2, `BAD-${needle}`), 201, 9102, 2),
        orderEnvelope('LIGNES_COMMANDE', line(kept, 2), 202, 9102, 3),
      ]);
      await eventually(
        async () => (await count(`SELECT count(*) AS n FROM ${lane.tables.changes} WHERE tx_id = '9102'`)) === 3,
        60_000,
        100,
      );
      const droppedBefore = {
        orders: await metricValue('bascule_acl_erased_dropped_total', { table: 'COMMANDES' }),
        lines: await metricValue('bascule_acl_erased_dropped_total', { table: 'LIGNES_COMMANDE' }),
      };
      await shredSubject(rowsOf(fixture.pool), orderIdOf(erased));
      await send(topics.transactions, [transactionEnd(9102, 203, { COMMANDES: 1, LIGNES_COMMANDE: 2 })]);
      await eventually(async () => (await applied([erased, kept])).length === 3, 60_000, 100);
      await lane.consumedToEnd();

      expect(await applied([erased, kept])).toEqual([
        `${erased} legacy-tx-9101`,
        `${kept} legacy-tx-9101`,
        `${kept} legacy-tx-9102`,
      ]);
      expect({
        orders: (await metricValue('bascule_acl_erased_dropped_total', { table: 'COMMANDES' })) - droppedBefore.orders,
        lines:
          (await metricValue('bascule_acl_erased_dropped_total', { table: 'LIGNES_COMMANDE' })) - droppedBefore.lines,
      }).toEqual({ orders: 1, lines: 1 });
      // Not set aside: every dead-letter topic of the group is empty.
      for (const dlq of [topics.ordersDlq, topics.linesDlq, `${topics.transactions}.dlq`])
        expect([dlq, await topicEnd(fixture.kafka, dlq)]).toEqual([dlq, { 0: '0', 1: '0', 2: '0' }]);
      // Nothing kept of it: the buffer released it, the key map stays where it was before the erasure; nothing logged.
      expect(await hitsOf(fixture.pool, needle)).toEqual([]);
      expect(logged()).not.toContain(needle);
      expect(
        (
          await fixture.pool.query(
            `SELECT legacy_key, last_lsn::int AS lsn FROM ${KEY_MAP.table} WHERE aggregate_id = $1
            ORDER BY legacy_key`,
            [orderIdOf(erased)],
          )
        ).rows,
      ).toEqual([
        { legacy_key: String(erased), lsn: 100 },
        { legacy_key: JSON.stringify({ NO_COMMANDE: erased, NO_LIGNE: 1 }), lsn: 102 },
      ]);
    }, 180_000);
  });

  describe('setting a transaction aside', () => {
    it('seals each of its changes with its aggregate’s key, which an erasure after it was set aside destroys', async () => {
      const lane = await groupLane();
      const { topics, send } = lane;
      const no = 815_001;
      const needle = `Zebulon-${id}`;
      await send(topics.orders, [orderEnvelope('COMMANDES', order(no, { CLIENT_NOM: needle }), 500, 9150, 1)]);
      await send(topics.lines, [orderEnvelope('LIGNES_COMMANDE', line(no, 1, 'BAD-1'), 501, 9150, 2)]);
      await send(topics.transactions, [transactionEnd(9150, 502, { COMMANDES: 1, LIGNES_COMMANDE: 1 })]);
      const letters = [
        ...(await readUntil(fixture.kafka, topics.ordersDlq, (m) => m.length >= 1, 60_000)),
        ...(await readUntil(fixture.kafka, topics.linesDlq, (m) => m.length >= 1, 60_000)),
      ];
      // Quarantined by the translation (a row no reading can take): each of its changes, counted in its table.
      expect(letters.map((letter) => [letter.headers.dlq_reason, letter.headers.dlq_sealed])).toEqual([
        ['quarantined', 'true'],
        ['quarantined', 'true'],
      ]);
      expect(letters.filter((letter) => `${letter.value}`.includes(needle))).toEqual([]);
      expect(logged()).not.toContain(needle);
      const open = () =>
        Promise.all(letters.map((l) => personal.openBytes(rowsOf(fixture.pool), Buffer.from(l.value ?? ''))));
      expect((await open()).map((opened) => JSON.parse(`${opened}`).after.NO_COMMANDE)).toEqual([no, no]);
      await shredSubject(rowsOf(fixture.pool), orderIdOf(no));
      expect(await open()).toEqual([ERASED_FIELD, ERASED_FIELD]);
      expect(await applied([no])).toEqual([]);
    }, 180_000);
  });

  describe('with the legacy server watched (ADR 0035)', () => {
    it('goes on through transactions released out of order, and stops at the first change of a restored database', async () => {
      const server = new PgLegacySource(fixture.pool);
      const lane = await groupLane({ server, checkIntervalMs: 3_600_000 }); // checked per change only
      const { topics, send, sync } = lane;
      const wal = await server.currentWalLsn();
      const no = 820_001;
      // A transaction released after a later one (its line came late): below the highest applied, WAL past it.
      await send(topics.orders, [orderEnvelope('COMMANDES', order(no), wal - 2_000, 9201, 1)]);
      await send(topics.orders, [orderEnvelope('COMMANDES', order(no + 1), wal - 1_000, 9202, 1)]);
      await send(topics.transactions, [
        transactionEnd(9201, wal - 1_999, { COMMANDES: 1, LIGNES_COMMANDE: 1 }),
        transactionEnd(9202, wal - 999, { COMMANDES: 1 }),
      ]);
      await eventually(async () => (await applied([no + 1])).length === 1, 60_000, 100);
      await send(topics.lines, [orderEnvelope('LIGNES_COMMANDE', line(no, 1), wal - 1_998, 9201, 2)]);
      await eventually(async () => (await applied([no])).length === 1, 60_000, 100);
      expect(sync.halted).toBeUndefined();

      // Applied before the restore: positions this server's WAL has not reached again.
      const beyond = wal + 2 ** 36;
      await send(topics.orders, [orderEnvelope('COMMANDES', order(no + 2), beyond, 9203, 1)]);
      await send(topics.transactions, [transactionEnd(9203, beyond + 1, { COMMANDES: 1 })]);
      await eventually(async () => (await applied([no + 2])).length === 1, 60_000, 100);
      await lane.consumedToEnd();
      const linesGroup = lane.groupIdOf({ topic: topics.lines });
      const before = await topicEnd(fixture.kafka, topics.lines);

      // The restored database writes again: its first change comes on the lines' topic.
      await send(topics.lines, [orderEnvelope('LIGNES_COMMANDE', line(no + 3, 1), wal + 100, 9204, 2)]);
      await eventually(async () => sync.halted !== undefined && !sync.running, 60_000, 100);
      expect(sync.halted).toContain(LEGACY_RESTORE_RUNBOOK);
      expect(errors.find((e) => e.message === sync.halted)?.payload).toMatchObject({
        topic: topics.orders,
        runbook: LEGACY_RESTORE_RUNBOOK,
      });
      expect(await metricValue('bascule_legacy_source_restored', { topic: topics.orders })).toBe(1);
      // Neither buffered nor applied nor skipped: the lines' offsets were not committed past it.
      expect(await count(`SELECT count(*) AS n FROM ${lane.tables.changes}`)).toBe(0);
      expect(await applied([no, no + 1, no + 2, no + 3])).toHaveLength(3);
      const admin = fixture.kafka.admin();
      await admin.connect();
      try {
        const [{ partitions }] = await admin.fetchOffsets({ groupId: linesGroup, topics: [topics.lines] });
        // A partition never consumed has no committed offset (-1): at its start, as its end was.
        const committed = Object.fromEntries(partitions.map((p) => [p.partition, p.offset === '-1' ? '0' : p.offset]));
        expect(committed).toEqual(before);
      } finally {
        await admin.disconnect();
      }

      // Started again (a new process, new consumer groups): it checks the server first, and consumes nothing.
      const restarted = lane.makeSync('-again');
      restarted.launch();
      await eventually(async () => restarted.halted !== undefined, 60_000, 100);
      expect(restarted.halted).toContain('legacy database restored');
      expect(restarted.running).toBe(false);
    }, 180_000);
  });

  describe('on /metrics', () => {
    it('says how many transactions wait in its buffer, whatever they wait for, and for how long the oldest has', async () => {
      const lane = await groupLane();
      const { topics, send } = lane;
      const buffer = lane.tables.ends;
      const gauges = async () => ({
        waiting: await metricValue('bascule_legacy_tx_waiting_transactions', { buffer }),
        oldest: (await metricValue('bascule_legacy_tx_oldest_waiting_seconds', { buffer })) > 0,
        unreleased: (await metricValue('bascule_legacy_tx_oldest_unreleased_seconds', { buffer })) > 0,
      });
      const gaugesBecome = async (expected: Awaited<ReturnType<typeof gauges>>) => {
        let seen: unknown;
        await eventually(
          async () => JSON.stringify((seen = await gauges())) === JSON.stringify(expected),
          60_000,
          200,
        ).catch(() => {
          throw new Error(`gauges ${JSON.stringify(seen)}, expected ${JSON.stringify(expected)}`);
        });
      };
      await gaugesBecome({ waiting: 0, oldest: false, unreleased: false });
      const no = 830_001;
      // Two lines of a transaction, its END not come: waiting for its END.
      await send(topics.lines, [
        orderEnvelope('LIGNES_COMMANDE', line(no, 1), 300, 9301, 2),
        orderEnvelope('LIGNES_COMMANDE', line(no, 2), 301, 9301, 3),
      ]);
      await gaugesBecome({ waiting: 1, oldest: true, unreleased: false });
      // Its END, its order not come: waiting for a change; another transaction's line without its END.
      await send(topics.transactions, [transactionEnd(9301, 303, { COMMANDES: 1, LIGNES_COMMANDE: 2 })]);
      await send(topics.lines, [orderEnvelope('LIGNES_COMMANDE', line(no + 1, 1), 400, 9302, 1)]);
      await gaugesBecome({ waiting: 2, oldest: true, unreleased: true });
      await send(topics.orders, [orderEnvelope('COMMANDES', order(no), 299, 9301, 1)]);
      await gaugesBecome({ waiting: 1, oldest: true, unreleased: false });
      await send(topics.transactions, [transactionEnd(9302, 401, { LIGNES_COMMANDE: 1 })]);
      await gaugesBecome({ waiting: 0, oldest: false, unreleased: false });
      expect(await applied([no, no + 1])).toEqual([`${no} legacy-tx-9301`, `${no + 1} legacy-tx-9302`]);
    }, 180_000);
  });
});

/** `table: count` for every table whose rows, cast to text, hold the needle. */
async function hitsOf(pool: LegacySyncFixture['pool'], needle: string): Promise<string[]> {
  const { rows: tables } = await pool.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const hits: string[] = [];
  for (const { table_name } of tables) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${table_name}" t WHERE t::text ILIKE $1`,
      [`%${needle}%`],
    );
    if (rows[0].n > 0) hits.push(`${table_name}: ${rows[0].n}`);
  }
  return hits;
}
