import { Counter, Gauge, Histogram, register } from 'prom-client';

function metric<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/** Prometheus metrics of the outbox, the relay, the consumers and the dead-letter topics. */
export const messagingMetrics = {
  outboxPublished: metric(
    'bascule_outbox_published_total',
    () =>
      new Counter({
        name: 'bascule_outbox_published_total',
        help: 'Outbox events published to Kafka',
        labelNames: ['outbox', 'topic'],
      }),
  ),
  relayLag: metric(
    'bascule_outbox_relay_lag_seconds',
    () =>
      new Histogram({
        name: 'bascule_outbox_relay_lag_seconds',
        help: 'Commit of an outbox row to its acknowledgement by Kafka',
        labelNames: ['outbox'],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      }),
  ),
  relayErrors: metric(
    'bascule_outbox_relay_errors_total',
    () =>
      new Counter({
        name: 'bascule_outbox_relay_errors_total',
        help: 'Relay batches that failed and will be retried',
        labelNames: ['outbox'],
      }),
  ),
  consumed: metric(
    'bascule_consumer_events_total',
    () =>
      new Counter({
        name: 'bascule_consumer_events_total',
        help: 'Events handled by consumers, by outcome',
        labelNames: ['consumer', 'topic', 'outcome'],
      }),
  ),
  consumerLag: metric(
    'bascule_consumer_lag_messages',
    () =>
      new Gauge({
        name: 'bascule_consumer_lag_messages',
        help: 'High watermark minus the next offset to consume',
        labelNames: ['consumer', 'topic', 'partition'],
      }),
  ),
  cdcLag: metric(
    'bascule_cdc_lag_seconds',
    () =>
      new Histogram({
        name: 'bascule_cdc_lag_seconds',
        help: 'Commit in the source database to the change being applied here',
        labelNames: ['table'],
        buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      }),
  ),
  quarantined: metric(
    'bascule_acl_quarantined_total',
    () =>
      new Counter({
        name: 'bascule_acl_quarantined_total',
        help: 'Legacy rows the new model cannot take, set aside with their reason',
        labelNames: ['table'],
      }),
  ),
  erasedDropped: metric(
    'bascule_acl_erased_dropped_total',
    () =>
      new Counter({
        name: 'bascule_acl_erased_dropped_total',
        help: 'Legacy changes to an erased subject, dropped without being applied or dead-lettered (ADR 0033)',
        labelNames: ['table'],
      }),
  ),
  transientFailures: metric(
    'bascule_transient_failures_total',
    () =>
      new Counter({
        name: 'bascule_transient_failures_total',
        help: 'Transient failures (database or broker unavailable, lost races) waited out and retried',
        labelNames: ['component', 'reason'],
      }),
  ),
  dbConnectionErrors: metric(
    'bascule_db_connection_errors_total',
    () =>
      new Counter({
        name: 'bascule_db_connection_errors_total',
        help: 'Database connections lost (and replaced), by pool and SQLSTATE',
        labelNames: ['pool', 'code'],
      }),
  ),
  retentionPurged: metric(
    'bascule_retention_purged_total',
    () =>
      new Counter({
        name: 'bascule_retention_purged_total',
        help: 'Rows deleted after their retention (inbox, idempotency keys)',
        labelNames: ['table'],
      }),
  ),
  consumerRestarts: metric(
    'bascule_consumer_restarts_total',
    () =>
      new Counter({
        name: 'bascule_consumer_restarts_total',
        help: 'Kafka consumers restarted after a crash',
        labelNames: ['consumer'],
      }),
  ),
  deadLettered: metric(
    'bascule_dead_letter_total',
    () =>
      new Counter({
        name: 'bascule_dead_letter_total',
        help: 'Messages sent to a dead-letter topic',
        labelNames: ['consumer', 'topic', 'reason'],
      }),
  ),
};

const backlogReaders = new Map<string, () => Promise<number>>();
metric(
  'bascule_outbox_backlog',
  () =>
    new Gauge({
      name: 'bascule_outbox_backlog',
      help: 'Outbox rows not yet published (read from the database at scrape time)',
      labelNames: ['outbox'],
      async collect() {
        for (const [outbox, read] of backlogReaders) this.set({ outbox }, await read().catch(() => -1));
      },
    }),
);

/** Makes the outbox backlog of one database visible as `bascule_outbox_backlog{outbox}`. */
export function registerOutboxBacklog(outbox: string, read: () => Promise<number>): void {
  backlogReaders.set(outbox, read);
}
