import { EachBatchPayload } from 'kafkajs';
import { BackoffOptions } from '../failures/backoff';
import { Attempted, retryTransient } from '../failures/retry-transient';

export interface ConsumerLogger {
  warn(payload: object, message: string): void;
}

/** Whether a partition's work is still wanted (running, not reassigned), and how to keep the group's lease meanwhile. */
export type Progress = { stillWanted: () => boolean; keepAlive: () => Promise<void> };

export const progressOf = ({ heartbeat, isRunning, isStale }: EachBatchPayload): Progress => ({
  stillWanted: () => isRunning() && !isStale(),
  keepAlive: () => heartbeat(),
});

export type PartitionRetry = <T>(
  work: () => Promise<T>,
  poisonAttempts: number,
  progress: Progress,
  about: object,
) => Promise<Attempted<T>>;

export const engineBackoff: BackoffOptions = { initialMs: 100, maxMs: 10_000 };

/** The engine's retries: transient failures waited out with backoff (heartbeating), others given `poisonAttempts` (ADR 0014). */
export function partitionRetry(component: string, logger: ConsumerLogger, backoff = engineBackoff): PartitionRetry {
  return (work, poisonAttempts, progress, about) =>
    retryTransient(work, { poisonAttempts, backoff }, { component, logger, about, ...progress });
}
