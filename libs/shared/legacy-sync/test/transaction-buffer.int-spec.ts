import { inTransaction } from '@bascule/shared/persistence';
import { createTestDatabase, eventually, TestDatabase } from '@bascule/shared/testing';
import { KafkaMessage } from 'kafkajs';
import { Pool } from 'pg';
import { RetentionPurger, SetAside } from '@bascule/shared/messaging';
import { BufferingApplier, GroupedSource, TransactionReleaser } from '../src/transactions/buffering-applier';
import { BufferedChange, PgTransactionBuffer, ReleasedTransaction } from '../src/transactions/pg-transaction-buffer';
import { watchTransactionBuffer } from '../src/transactions/transaction-buffer-metrics';
import { RecordedEnd } from '../src/transactions/transaction-grouping';
import { transactionBufferTablesUp } from '../src/transactions/transaction-buffer-tables';
import { register } from 'prom-client';

const TABLES = ['COMMANDES', 'LIGNES_COMMANDE'];

let offset = 0;
const change = (transactionId: string, table: string, lsn: number): BufferedChange => ({
  transactionId,
  table,
  order: lsn,
  lsn,
  topic: `legacy.public.${table}`,
  partition: lsn % 12,
  offset: String(offset++),
  key: Buffer.from(`{"lsn":${lsn}}`),
  value: Buffer.from(`{"table":"${table}","lsn":${lsn}}`),
});

/** An order written with two lines in one legacy transaction (and a STOCK row the context does not consume). */
const orderWithLines = (transactionId: string, lsn: number) => ({
  parent: change(transactionId, 'COMMANDES', lsn),
  lines: [change(transactionId, 'LIGNES_COMMANDE', lsn + 1), change(transactionId, 'LIGNES_COMMANDE', lsn + 2)],
  end: { transactionId, counts: { COMMANDES: 1, LIGNES_COMMANDE: 2, STOCK: 1 } },
});

const released = (transactions: ReleasedTransaction[]) =>
  transactions.map(({ transactionId, changes }) => ({
    transactionId,
    changes: changes.map((c) => `${c.table}@${c.lsn}:${c.value.toString()}`),
  }));

const whole = (transactionId: string, lsn: number) => ({
  transactionId,
  changes: [
    `COMMANDES@${lsn}:{"table":"COMMANDES","lsn":${lsn}}`,
    `LIGNES_COMMANDE@${lsn + 1}:{"table":"LIGNES_COMMANDE","lsn":${lsn + 1}}`,
    `LIGNES_COMMANDE@${lsn + 2}:{"table":"LIGNES_COMMANDE","lsn":${lsn + 2}}`,
  ],
});

describe('the buffer of legacy transactions on PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  let buffer: PgTransactionBuffer;
  /** One batch of the engine: what it buffers, then what it releases, in one transaction. */
  const batch = (work: (b: PgTransactionBuffer) => Promise<unknown>, on: PgTransactionBuffer = buffer) =>
    inTransaction(on.pool, async () => {
      await work(on);
      return released(await on.releaseComplete());
    });

  beforeAll(async () => {
    db = await createTestDatabase('legacy_tx_buffer');
    pool = new Pool({ ...db.settings, max: 4 });
    for (const statement of transactionBufferTablesUp()) await pool.query(statement);
    buffer = new PgTransactionBuffer(pool, TABLES);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });
  afterEach(async () => {
    expect((await pool.query('SELECT count(*)::int AS n FROM legacy_tx_changes')).rows).toEqual([{ n: 0 }]);
  });

  it('releases an order with its lines once all are in, lines arriving before, with and after their order', async () => {
    const before = orderWithLines('100:1000', 1000);
    expect(await batch((b) => b.buffer(before.lines))).toEqual([]);
    expect(await batch((b) => b.buffer([before.parent]))).toEqual([]);
    expect(await batch((b) => b.recordEnds([before.end]))).toEqual([whole('100:1000', 1000)]);

    const together = orderWithLines('101:2000', 2000);
    expect(await batch((b) => b.recordEnds([together.end]))).toEqual([]);
    expect(await batch((b) => b.buffer([together.lines[1], together.parent, together.lines[0]]))).toEqual([
      whole('101:2000', 2000),
    ]);

    const after = orderWithLines('102:3000', 3000);
    expect(await batch((b) => b.buffer([after.parent]))).toEqual([]);
    expect(await batch((b) => b.recordEnds([after.end]))).toEqual([]);
    expect(await batch((b) => b.buffer([after.lines[0]]))).toEqual([]);
    expect(await batch((b) => b.buffer([after.lines[1]]))).toEqual([whole('102:3000', 3000)]);
  });

  it("releases a primary-key update: its delete and its create share an lsn, not the transaction's order", async () => {
    const deleted = { ...change('300', 'LIGNES_COMMANDE', 7000), order: 1, value: Buffer.from('{"op":"d"}') };
    const created = { ...change('300', 'LIGNES_COMMANDE', 7000), order: 2, value: Buffer.from('{"op":"c"}') };
    const end = { transactionId: '300', counts: { LIGNES_COMMANDE: 2 } };
    expect(await batch((b) => b.buffer([created]))).toEqual([]);
    expect(await batch((b) => b.buffer([deleted, created]).then(() => b.recordEnds([end])))).toEqual([
      { transactionId: '300', changes: ['LIGNES_COMMANDE@7000:{"op":"d"}', 'LIGNES_COMMANDE@7000:{"op":"c"}'] },
    ]);
  });

  it('takes a new END of an xid released before the retention as a new transaction, and purges such ENDs', async () => {
    const hourly = new PgTransactionBuffer(pool, TABLES, {}, 3_600_000);
    const first = orderWithLines('600', 9000);
    expect(
      await batch((b) => b.buffer([first.parent, ...first.lines]).then(() => b.recordEnds([first.end])), hourly),
    ).toEqual([whole('600', 9000)]);
    // Within the retention the same xid is a replay: skipped.
    expect(await batch((b) => b.buffer([first.parent]).then(() => b.recordEnds([first.end])), hourly)).toEqual([]);

    // Past it, the xid has wrapped: another transaction, buffered and released.
    await pool.query(`UPDATE legacy_tx_ends SET released_at = now() - interval '2 hours' WHERE tx_id = '600'`);
    const wrapped = orderWithLines('600', 9500);
    expect(await batch((b) => b.buffer([wrapped.parent, wrapped.lines[0]]), hourly)).toEqual([]);
    expect(await batch((b) => b.recordEnds([wrapped.end]).then(() => b.buffer([wrapped.lines[1]])), hourly)).toEqual([
      whole('600', 9500),
    ]);

    await pool.query(`INSERT INTO legacy_tx_ends (tx_id, counts, ended_at, released_at) VALUES
      ('601', '{}', now() - interval '3 hours', now() - interval '2 hours'),
      ('602', '{"COMMANDES": 1}', now() - interval '3 hours', NULL)`);
    expect(await new RetentionPurger(pool, [hourly.purgeRule()]).purgeOnce()).toEqual({ legacy_tx_ends: 1 });
    const kept = await pool.query(`SELECT tx_id FROM legacy_tx_ends WHERE tx_id IN ('600', '601', '602') ORDER BY 1`);
    expect(kept.rows).toEqual([{ tx_id: '600' }, { tx_id: '602' }]);
    await pool.query(`DELETE FROM legacy_tx_ends WHERE tx_id = '602'`);
  });

  it('counts a transaction its connector numbered twice (restarted in its middle, debezium/dbz#633), replays not counted', async () => {
    const renumbered = async () =>
      (await register.getSingleMetric('bascule_legacy_tx_renumbered_total')?.get())?.values.find(
        (value) => value.labels['buffer'] === 'legacy_tx_ends',
      )?.value ?? 0;
    const at = (transactionId: string, table: string, lsn: number, order: number) => ({
      ...change(transactionId, table, lsn),
      order,
    });
    const before = await renumbered();
    /** One batch buffering `changes` (and recording `ends`): what it released, and the transactions found renumbered. */
    const bufferIn = async (changes: BufferedChange[], ends: RecordedEnd[] = []) => {
      let renumberedIds: string[] = [];
      const releases = await batch(async (b) => {
        renumberedIds = await b.buffer(changes);
        await b.recordEnds(ends);
      });
      return { releases, renumberedIds };
    };
    // Before the restart: the order and its first line, numbered 1 and 2.
    const firstRun = [at('800', 'COMMANDES', 8000, 1), at('800', 'LIGNES_COMMANDE', 8001, 2)];
    expect(await bufferIn(firstRun)).toEqual({ releases: [], renumberedIds: [] });
    // A replay of what was buffered, numbered as before, is no renumbering.
    expect(await bufferIn(firstRun)).toEqual({ releases: [], renumberedIds: [] });
    // After it: the first line again and the second, numbered from 1, and an END counting only them.
    const secondRun = [at('800', 'LIGNES_COMMANDE', 8001, 1), at('800', 'LIGNES_COMMANDE', 8002, 2)];
    expect(await bufferIn(secondRun, [{ transactionId: '800', counts: { LIGNES_COMMANDE: 2 } }])).toEqual({
      releases: [],
      renumberedIds: ['800'],
    });
    // Both numberings in one batch.
    const oneBatch = [at('801', 'COMMANDES', 8100, 1), at('801', 'LIGNES_COMMANDE', 8101, 1)];
    expect(await bufferIn(oneBatch)).toEqual({ releases: [], renumberedIds: ['801'] });
    expect(await renumbered()).toBe(before + 2);
    // Not released: it waits, shown by the buffer's gauges, until the fix the README names.
    expect((await buffer.waiting()).transactions).toBeGreaterThanOrEqual(2);
    await pool.query(`DELETE FROM legacy_tx_changes WHERE tx_id IN ('800', '801')`);
    await pool.query(`DELETE FROM legacy_tx_ends WHERE tx_id IN ('800', '801')`);
  });

  it('reports the age of its oldest transaction ended and not released as a gauge', async () => {
    watchTransactionBuffer(buffer);
    const gauge = async () =>
      (await register.getSingleMetric('bascule_legacy_tx_oldest_unreleased_seconds')?.get())?.values.find(
        (value) => value.labels['buffer'] === 'legacy_tx_ends',
      )?.value;
    expect(await gauge()).toBe(0);
    await pool.query(`INSERT INTO legacy_tx_ends (tx_id, counts, ended_at, released_at) VALUES
      ('700', '{"COMMANDES": 1}', now() - interval '2 hours', NULL),
      ('701', '{}', now() - interval '3 hours', now())`);
    expect(await gauge()).toBeGreaterThanOrEqual(7200);
    expect(await gauge()).toBeLessThan(10_800);
    await pool.query(`DELETE FROM legacy_tx_ends WHERE tx_id IN ('700', '701')`);
  });

  it('keeps what was buffered across a restart, and skips a replay of what it buffered or released', async () => {
    const order = orderWithLines('200:5000', 5000);
    const firstRun = new Pool({ ...db.settings, max: 2 });
    const beforeRestart = new PgTransactionBuffer(firstRun, TABLES);
    expect(await batch((b) => b.buffer([order.parent, order.lines[0]]), beforeRestart)).toEqual([]);
    expect(await batch((b) => b.recordEnds([order.end]), beforeRestart)).toEqual([]);
    await firstRun.end();

    const afterRestart = new PgTransactionBuffer(pool, TABLES);
    // The offsets were not committed: the consumer reads them again, with the rest.
    expect(await batch((b) => b.buffer([order.lines[0], order.parent]), afterRestart)).toEqual([]);
    expect(
      await batch(async (b) => {
        await b.recordEnds([order.end]);
        await b.buffer([order.lines[1], order.lines[1]]);
      }, afterRestart),
    ).toEqual([whole('200:5000', 5000)]);

    // Kafka Connect restarted and streams the transaction again: nothing is buffered, nothing released.
    expect(
      await batch(async (b) => {
        await b.buffer([order.parent, ...order.lines]);
        await b.recordEnds([order.end]);
      }, afterRestart),
    ).toEqual([]);
  });

  it('releases a transaction whose halves two batches buffer at once exactly once', async () => {
    const order = orderWithLines('300:7000', 7000);
    const bothBuffered = barrier(2);
    let secondReleased = false;
    const results = await Promise.all([
      inTransaction(pool, async () => {
        await buffer.buffer([order.parent]);
        await buffer.recordEnds([order.end]);
        await bothBuffered();
        const mine = await buffer.releaseComplete();
        // Commit only once the other batch has reached its release (waiting on the lock, or done without it).
        await eventually(async () => secondReleased || (await waitingOnAdvisoryLock(pool)));
        return mine;
      }),
      inTransaction(pool, async () => {
        await buffer.buffer(order.lines);
        await bothBuffered();
        const mine = await buffer.releaseComplete();
        secondReleased = true;
        return mine;
      }),
    ]);
    expect(results.flatMap(released)).toEqual([whole('300:7000', 7000)]);
  });

  it('skips a replayed change that arrives while its transaction is being released, leaving nothing behind', async () => {
    const order = orderWithLines('400', 8000);
    const messageOf = (value: string) => ({ key: null, value: Buffer.from(value), offset: '0' }) as KafkaMessage;
    const changeOf = (c: BufferedChange) => messageOf(JSON.stringify({ lsn: c.lsn, tx: c.transactionId }));
    const changes = (table: string): GroupedSource => ({
      kind: 'changes',
      topic: `legacy.public.${table}`,
      capture: {
        table,
        keyOf: () => undefined,
        decode: (value: Buffer | null) => {
          const { lsn, tx } = JSON.parse(value?.toString() ?? 'null') as { lsn: number; tx: string };
          const position = { lsn, txId: null, transactionId: tx, transactionOrder: lsn, committedAtMs: 0 };
          return { deleted: false, key: lsn, row: {}, ...position };
        },
      },
    });
    const releases: ReleasedTransaction[][] = [];
    let commitRelease: () => void = () => undefined;
    const releaseMayCommit = new Promise<void>((resolve) => (commitRelease = resolve));
    const release: TransactionReleaser = async (transactions) => {
      releases.push(transactions);
      await releaseMayCommit;
      return { applied: [], erased: [] };
    };
    const orders = new BufferingApplier(pool, buffer, changes('COMMANDES'), release);
    const lines = new BufferingApplier(pool, buffer, changes('LIGNES_COMMANDE'), release);
    const ends = new BufferingApplier(
      pool,
      buffer,
      { kind: 'transactions', topic: 'legacy.transaction', readEnd: () => order.end },
      release,
    );
    await orders.applyAlone(changeOf(order.parent));
    await lines.applyTogether(order.lines.map(changeOf));

    // The END completes the transaction; its release holds its transaction open while a line comes again.
    const releasing = ends.applyAlone(messageOf('{}'));
    await eventually(async () => releases.length === 1);
    const replaying = lines.applyAlone(changeOf(order.lines[0]));
    await eventually(() => waitingOnLock(pool));
    commitRelease();
    await Promise.all([releasing, replaying]);

    expect(releases.flat().map((t) => [t.transactionId, t.changes.map((c) => c.lsn)])).toEqual([
      ['400', [8000, 8001, 8002]],
    ]);
  });

  it('sets an unreadable change aside without buffering anything of its batch, and releases a snapshot row alone', async () => {
    class Unreadable extends Error {
      readonly safeMessage = true;
    }
    const releases: ReleasedTransaction[][] = [];
    const applier = new BufferingApplier(
      pool,
      buffer,
      {
        kind: 'changes',
        topic: 'legacy.public.LIGNES_COMMANDE',
        capture: {
          table: 'LIGNES_COMMANDE',
          keyOf: () => undefined,
          decode: (value) => {
            const parsed = JSON.parse(value?.toString() ?? 'null') as { lsn: number; tx: string | null } | null;
            if (!parsed?.lsn) throw new Unreadable('no position');
            return {
              deleted: false,
              key: parsed.lsn,
              row: {},
              lsn: parsed.lsn,
              txId: null,
              transactionId: parsed.tx,
              transactionOrder: parsed.lsn,
              committedAtMs: 0,
            };
          },
        },
      },
      async (transactions) => {
        releases.push(transactions);
        return { applied: [], erased: [] };
      },
    );
    const batch = [{ lsn: 9100, tx: '900' }, { tx: '900' }, { lsn: 9000, tx: null }].map(
      (value, offset) =>
        ({ key: null, value: Buffer.from(JSON.stringify(value)), offset: String(offset) }) as KafkaMessage,
    );

    await expect(applier.applyTogether(batch)).rejects.toThrow(SetAside);
    expect(releases).toEqual([]);
    const one = await applier.applyAlone(batch[1]);
    expect(one).toEqual({
      outcomes: ['dead-lettered'],
      letters: [{ reason: 'malformed', error: 'no position' }],
      released: { applied: [], erased: [] },
    });

    const snapshot = await applier.applyAlone(batch[2]);
    expect(snapshot.outcomes).toEqual(['applied']);
    expect(releases.map((r) => r.map((t) => [t.transactionId, t.changes.map((c) => c.lsn)]))).toEqual([
      [[null, [9000]]],
    ]);
    await applier.applyAlone(batch[0]);
    expect((await pool.query(`SELECT tx_id, lsn::int FROM legacy_tx_changes`)).rows).toEqual([
      { tx_id: '900', lsn: 9100 },
    ]);
    await pool.query(`DELETE FROM legacy_tx_changes WHERE tx_id = '900'`);
  });
});

/** Resolves for all `parties` once all have called it. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    arrived += 1;
    if (arrived === parties) open();
    return opened;
  };
}

/** Whether a session of the test's database waits on a lock (an advisory one, or a row another holds). */
async function waitingOnLock(pool: Pool): Promise<boolean> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return rows[0].n > 0;
}

async function waitingOnAdvisoryLock(pool: Pool): Promise<boolean> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory'`,
  );
  return rows[0].n > 0;
}
