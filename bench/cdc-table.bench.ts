import { Pool } from 'pg';
import { percentiles, progress, Row, waitForCount } from './bench-kit';
import { CapturedTableBench } from './cdc-tables';

/** What the CDC bench shares between its tables: both databases, and what its topic reader has seen. */
export interface CdcRun {
  id: string;
  legacy: Pool;
  service: Pool;
  /** Per table, legacy key → the record's Kafka timestamp (first seen) and when this process read it. */
  onTopic: Map<string, Map<number, number>>;
  read: Map<string, Map<number, number>>;
}

export const appliedCount = async (run: CdcRun, table: string) =>
  Number(
    (await run.service.query('SELECT count(DISTINCT key) AS n FROM bench_applied WHERE source = $1', [table])).rows[0]
      .n,
  );

/**
 * One captured table: (a) a burst of `changes` legacy inserts as fast as 8 connections go, changes/s committed
 * by the service vs changes/s Debezium put onto the topic, both from the burst's start; (b) `rate` changes/s
 * for 5 s, legacy commit → the service's commit of the applied change vs legacy commit → the record on the topic.
 */
export async function benchTable(
  run: CdcRun,
  table: CapturedTableBench,
  changes: number,
  rate: number,
): Promise<Row[]> {
  const onTopic = run.onTopic.get(table.table) ?? new Map<number, number>();
  const before = await appliedCount(run, table.table);
  progress(`${table.table} burst: ${changes} legacy inserts, one per transaction, 8 connections`);
  const burst: number[] = [];
  const started = Date.now();
  await Promise.all(
    Array.from({ length: 8 }, async (_, worker) => {
      for (let i = worker; i < changes; i += 8)
        burst.push((await run.legacy.query(table.insert, table.params('SAT', i, run.id))).rows[0].no);
    }),
  );
  progress(
    `burst committed in the legacy database at ${(changes / ((Date.now() - started) / 1000)).toFixed(0)} changes/s`,
  );
  await waitForCount(
    'burst on the topic (Debezium)',
    async () => burst.filter((no) => onTopic.has(no)).length,
    changes,
    600_000,
  );
  await waitForCount(
    'burst applied by client-service',
    () => appliedCount(run, table.table),
    before + changes,
    600_000,
  );
  const serviceDone = await lastCommit(run.service, table.table, burst);
  const debeziumDone = Math.max(...burst.map((no) => onTopic.get(no) ?? NaN));

  const count = rate * 5;
  progress(
    `${table.table} lag: ${count} legacy changes at ${rate}/s offered (5 s), commit → service's commit and commit → on the topic`,
  );
  const committed = new Map<number, number>();
  const paced = Date.now();
  const inserts: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = paced + (i * 1000) / rate;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    inserts.push(
      run.legacy
        .query(table.insert, table.params('LAG', i, run.id))
        .then(({ rows }) => void committed.set(rows[0].no, Number(rows[0].at))),
    );
  }
  await Promise.all(inserts);
  const measuredRate = count / ((Math.max(...committed.values()) - paced) / 1000);
  progress(`legacy commits measured at ${measuredRate.toFixed(0)}/s`);
  await waitForCount(
    'lag changes applied by client-service',
    () => appliedCount(run, table.table),
    before + changes + count,
    300_000,
  );
  const keys = [...committed.keys()];
  await waitForCount(
    'lag changes on the topic',
    async () => keys.filter((no) => onTopic.has(no)).length,
    count,
    120_000,
  );
  const { rows } = await run.service.query(
    `SELECT key, min(committed_ms) AS at FROM bench_applied WHERE source = $1 AND key = ANY($2::int[]) GROUP BY key`,
    [table.table, keys],
  );
  const appliedLag = percentiles(rows.map((r: { key: number; at: number }) => r.at - (committed.get(r.key) ?? NaN)));
  const topicLag = percentiles([...committed].map(([no, at]) => (onTopic.get(no) ?? NaN) - at));
  const read = run.read.get(table.table) ?? new Map<number, number>();
  const readLag = percentiles([...committed].map(([no, at]) => (read.get(no) ?? NaN) - at));
  progress(
    `Debezium alone, commit → record timestamp: p50 ${topicLag.p50.toFixed(0)} ms, p99 ${topicLag.p99.toFixed(0)} ms; commit → read by a consumer: p50 ${readLag.p50.toFixed(0)} ms, p99 ${readLag.p99.toFixed(0)} ms`,
  );
  const scenario = `${table.table}: CDC lag at ${rate}/s offered (${measuredRate.toFixed(0)}/s measured) vs Debezium alone`;
  return [
    {
      scenario: `${table.table}: legacy burst of ${changes} → client-service vs Debezium alone`,
      measure: 'changes/s',
      bascule: changes / ((serviceDone - started) / 1000),
      baseline: changes / ((debeziumDone - started) / 1000),
      higherIsBetter: true,
    },
    { scenario, measure: 'p50 ms', bascule: appliedLag.p50, baseline: topicLag.p50, higherIsBetter: false },
    { scenario, measure: 'p99 ms', bascule: appliedLag.p99, baseline: topicLag.p99, higherIsBetter: false },
  ];
}

async function lastCommit(service: Pool, table: string, keys: number[]): Promise<number> {
  const { rows } = await service.query(
    `SELECT max(at) AS done FROM (SELECT min(committed_ms) AS at FROM bench_applied WHERE source = $1 AND key = ANY($2::int[]) GROUP BY key) firsts`,
    [table, keys],
  );
  return Number(rows[0].done);
}
