import { Counter, Gauge, Histogram, register } from 'prom-client';
import { SagaState, SagaStatus } from '../engine/saga-state';

function metric<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/** How a saga ended, or stopped: a label of the outcome counter and of the duration histogram. */
export type SagaOutcome = 'completed' | 'compensated' | 'needs-attention';

const OUTCOMES: Partial<Record<SagaStatus, SagaOutcome>> = {
  COMPLETED: 'completed',
  COMPENSATED: 'compensated',
  NEEDS_ATTENTION: 'needs-attention',
};

const started = metric(
  'bascule_sagas_started_total',
  () => new Counter({ name: 'bascule_sagas_started_total', help: 'Sagas started', labelNames: ['saga'] }),
);
const outcomes = metric(
  'bascule_saga_outcomes_total',
  () =>
    new Counter({
      name: 'bascule_saga_outcomes_total',
      help: 'Sagas completed, compensated, or stopped needing attention',
      labelNames: ['saga', 'outcome'],
    }),
);
const duration = metric(
  'bascule_saga_duration_seconds',
  () =>
    new Histogram({
      name: 'bascule_saga_duration_seconds',
      help: 'Start of a saga to its outcome',
      labelNames: ['saga', 'outcome'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800],
    }),
);
const timeouts = metric(
  'bascule_saga_step_timeouts_total',
  () =>
    new Counter({
      name: 'bascule_saga_step_timeouts_total',
      help: 'Participant commands that got no reply in time',
      labelNames: ['saga', 'step'],
    }),
);
const staleReplies = metric(
  'bascule_saga_stale_replies_total',
  () =>
    new Counter({
      name: 'bascule_saga_stale_replies_total',
      help: 'Replies that answered no command a saga waited on (late, reordered), changing nothing',
      labelNames: ['saga'],
    }),
);

type Unfinished = () => Promise<{ type: string; inFlight: number; needingAttention: number }[]>;
const unfinishedReaders = new Set<Unfinished>();
const gauge = (name: string, help: string, pick: 'inFlight' | 'needingAttention') =>
  metric(
    name,
    () =>
      new Gauge({
        name,
        help,
        labelNames: ['saga'],
        async collect() {
          this.reset();
          for (const read of unfinishedReaders)
            for (const row of await read().catch(() => [])) this.inc({ saga: row.type }, row[pick]);
        },
      }),
  );
gauge('bascule_sagas_in_flight', 'Sagas running or compensating (read from the database at scrape time)', 'inFlight');
gauge(
  'bascule_sagas_needing_attention',
  'Sagas waiting for an admin (read from the database at scrape time)',
  'needingAttention',
);

/** The orchestrator's hooks, called once the transaction that made a transition returned. */
export interface SagaMetrics {
  transitioned(before: SagaState | undefined, after: SagaState): void;
  staleReply(sagaType: string): void;
  /** Counts the unfinished sagas of a database at each scrape. */
  watch(read: Unfinished): void;
}

export const prometheusSagaMetrics: SagaMetrics = {
  transitioned(before, after) {
    const saga = after.type;
    if (!before) started.inc({ saga });
    for (const entry of after.history.slice(before?.history.length ?? 0))
      if (entry.event === 'timed-out') timeouts.inc({ saga, step: entry.step ?? '' });
    const outcome = OUTCOMES[after.status];
    if (!outcome || before?.status === after.status) return;
    outcomes.inc({ saga, outcome });
    const seconds = (Date.parse(after.updatedAt) - Date.parse(after.startedAt)) / 1000;
    duration.observe({ saga, outcome }, seconds);
  },
  staleReply: (saga) => staleReplies.inc({ saga }),
  watch: (read) => void unfinishedReaders.add(read),
};
