import { Counter, Gauge, register } from 'prom-client';

/** What the gauges read of a buffer at scrape time (`PgTransactionBuffer`). */
export interface WatchedBuffer {
  readonly name: string;
  oldestUnreleasedSeconds(): Promise<number>;
  waiting(): Promise<{ transactions: number; oldestSeconds: number }>;
}

const watched = new Map<string, WatchedBuffer>();

/** One read of each buffer's waiting transactions serves both gauges of a scrape (each gauge collects on its own). */
let reading:
  { at: number; states: Promise<Map<string, { transactions: number; oldestSeconds: number } | null>> } | undefined;
function waitingStates() {
  if (reading && Date.now() - reading.at < 1_000) return reading.states;
  const states = Promise.all(
    [...watched].map(async ([name, buffer]) => [name, await buffer.waiting().catch(() => null)] as const),
  ).then((entries) => new Map(entries));
  reading = { at: Date.now(), states };
  return states;
}

function bufferGauge(name: string, help: string, collect: (gauge: Gauge) => Promise<void>): void {
  if (register.getSingleMetric(name)) return;
  new Gauge({
    name,
    help,
    labelNames: ['buffer'],
    async collect() {
      await collect(this);
    },
  });
}

bufferGauge(
  'bascule_legacy_tx_oldest_unreleased_seconds',
  'Age of the oldest legacy transaction ended but not released (read from the database at scrape time)',
  async (gauge) => {
    for (const [buffer, watchedBuffer] of watched)
      gauge.set({ buffer }, await watchedBuffer.oldestUnreleasedSeconds().catch(() => -1));
  },
);
bufferGauge(
  'bascule_legacy_tx_waiting_transactions',
  'Legacy transactions buffered and not released yet: changes waiting for their END, or an END for its changes',
  async (gauge) => {
    for (const [buffer, state] of await waitingStates()) gauge.set({ buffer }, state?.transactions ?? -1);
  },
);
bufferGauge(
  'bascule_legacy_tx_oldest_waiting_seconds',
  'Age of the oldest piece of a legacy transaction not released yet (a change buffered or an END), 0 when none waits',
  async (gauge) => {
    for (const [buffer, state] of await waitingStates()) gauge.set({ buffer }, state?.oldestSeconds ?? -1);
  },
);

/**
 * A grouped sync's lag on `/metrics`, by buffer (its END table's name), read at scrape time (ADR 0031): how many
 * legacy transactions wait to be released and for how long the oldest has waited, whatever it waits for, and
 * `bascule_legacy_tx_oldest_unreleased_seconds`, the oldest whose END came but not all its changes (one that
 * waits forever is what to alert on). Alongside the consumers' `bascule_consumer_lag_messages`.
 */
export function watchTransactionBuffer(buffer: WatchedBuffer): void {
  watched.set(buffer.name, buffer);
  reading = undefined;
}

/**
 * Legacy transactions whose changes came numbered twice (a connector restarted in the middle of one, ADR 0031's
 * known limit): each waits for ever or is released with the wrong rows, so any increase is an alert.
 */
export const renumberedTransactions =
  (register.getSingleMetric('bascule_legacy_tx_renumbered_total') as Counter<'buffer'> | undefined) ??
  new Counter({
    name: 'bascule_legacy_tx_renumbered_total',
    help: 'Legacy transactions with two changes at one place in their order (Debezium restarted mid-transaction): check them',
    labelNames: ['buffer'],
  });
