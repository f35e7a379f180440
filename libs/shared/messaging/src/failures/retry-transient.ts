import { messagingMetrics } from '../messaging-metrics';
import { BackoffOptions, backoffDelay, defaultBackoff, pause } from './backoff';
import { classifyFailure } from '@bascule/shared/application';

export interface RetryPolicy {
  backoff: BackoffOptions;
  /** Attempts given to a failure not known to be transient before the caller sets the work aside. */
  poisonAttempts: number;
}

export const defaultRetryPolicy: RetryPolicy = { backoff: defaultBackoff, poisonAttempts: 3 };

export interface RetryContext {
  /** Names the retrying component in the metric and the log (a consumer group, `outbox-relay`). */
  component: string;
  /** False once the work is no longer wanted (the consumer stops, the partition was reassigned). */
  stillWanted?: () => boolean;
  /** Called about every second while waiting (a Kafka heartbeat, so the group keeps the partition). */
  keepAlive?: () => Promise<void>;
  logger: { warn(payload: object, message: string): void };
  /** Added to each warning (topic, partition, offset, event id). */
  about?: object;
}

export type Attempted<T> =
  | { outcome: 'done'; value: T }
  | { outcome: 'poison'; error: unknown; attempts: number }
  | { outcome: 'abandoned'; error: unknown };

/**
 * Runs `work` until it succeeds. A transient failure (see `classifyFailure`) is retried with backoff for
 * as long as it lasts, counted in `bascule_transient_failures_total` and logged as a warning; any other
 * failure is retried `poisonAttempts` times and then handed back, so the caller can set the work aside.
 * Nothing is acknowledged while it waits: the caller resolves offsets only on `done` or after setting aside.
 */
export async function retryTransient<T>(
  work: (attempt: number) => Promise<T>,
  policy: Partial<RetryPolicy>,
  context: RetryContext,
): Promise<Attempted<T>> {
  const { backoff, poisonAttempts } = { ...defaultRetryPolicy, ...policy };
  const stillWanted = context.stillWanted ?? (() => true);
  let poisonFailures = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return { outcome: 'done', value: await work(attempt) };
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.kind === 'poison' && ++poisonFailures >= poisonAttempts)
        return { outcome: 'poison', error, attempts: attempt };
      if (!stillWanted()) return { outcome: 'abandoned', error };
      const delay = backoffDelay(attempt, backoff);
      if (failure.kind === 'transient')
        messagingMetrics.transientFailures.inc({ component: context.component, reason: failure.reason });
      context.logger.warn(
        { ...context.about, err: error, failure: failure.kind, reason: failure.reason, attempt, retryInMs: delay },
        `${context.component}: ${failure.kind} failure, retrying`,
      );
      await pause(delay, { tick: context.keepAlive, cancelled: () => !stillWanted() });
      if (!stillWanted()) return { outcome: 'abandoned', error };
    }
  }
}
