import { numberSetting } from '@bascule/shared/application';
import { SAGA_REPLIES_TOPIC, SagaTimerOptions } from '@bascule/saga';
import { ORDERS_EVENTS_TOPIC } from '@bascule/orders/contracts';

/** The topics the orchestrator reads: the events that start its sagas and the participants' replies. */
export const orderSagaTopics = [ORDERS_EVENTS_TOPIC, SAGA_REPLIES_TOPIC];

/** `SAGA_TIMER_POLL_MS` (250), `SAGA_TIMER_BATCH` (100): how often, and how many, due deadlines the timer fires. */
export function sagaTimerSettings(env: NodeJS.ProcessEnv = process.env): SagaTimerOptions {
  return {
    pollIntervalMs: numberSetting(env, 'SAGA_TIMER_POLL_MS', 250, { integer: true, min: 10 }),
    batchSize: numberSetting(env, 'SAGA_TIMER_BATCH', 100, { integer: true, min: 1 }),
  };
}

/**
 * How long the consumer must have held its partitions before deadlines fire again (ADR 0055 addendum): the
 * replies that waited in Kafka while the orchestrator was away are read first, and answer their commands.
 */
export const repliesCatchUpMs = (env: NodeJS.ProcessEnv = process.env) =>
  numberSetting(env, 'SAGA_TIMER_CATCH_UP_MS', 5_000, { integer: true, min: 0 });
