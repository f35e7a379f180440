import { RetryPolicy, StepDefaults } from '@bascule/saga';

/**
 * Timeouts and retries of the order sagas' steps (ADR 0063). A participant answers from its inbox transaction in
 * milliseconds; the timeout covers a participant restarting or its consumer catching up. Payment calls the card
 * provider (its own deadline and retries inside, ADR 0041), hence longer. Compensations get more attempts than
 * forward steps: giving up on one stops the saga for an admin, giving up on a forward step only undoes it.
 */
const retry = (maxAttempts: number, initialMs: number, maxMs: number): RetryPolicy => ({
  maxAttempts,
  backoff: { initialMs, maxMs },
});

export const orderSagaPolicies = {
  defaults: { timeoutMs: 10_000, retry: retry(3, 1_000, 8_000) } satisfies StepDefaults,
  /**
   * Six attempts, about a minute in all: a participant SIGKILLed and restarted gets its partitions back only once the
   * group gave up on the dead member (its 30 s session), and the saga must not give up first (each retry is the same
   * command: a lookup for a participant that answered already).
   */
  inventory: { timeoutMs: 5_000, retry: retry(6, 2_000, 10_000) },
  orders: { timeoutMs: 5_000, retry: retry(6, 2_000, 10_000) },
  payment: { timeoutMs: 15_000, retry: retry(3, 2_000, 10_000) },
  /**
   * As short as the others': billing answers `issue-invoice` only once it has consumed the order's confirmation
   * (ADR 0061), and under load the command often arrives first; asked again (the same command, ADR 0055), it costs
   * billing a lookup when answered already and runs again when not. Shorter, the retries add load at saturation.
   */
  billing: { timeoutMs: 5_000 },
  /** The pivot: an unanswered capture may have gone through, so it is asked again longer before voiding. */
  capture: retry(5, 2_000, 30_000),
  compensation: retry(6, 1_000, 30_000),
  /**
   * The cancellation's pivot (the refund): given up on, it would end the saga with nothing undone while a command
   * still in flight may yet refund the order; so it is asked again for about a quarter of an hour first (ADR 0064).
   */
  cancellation: retry(20, 1_000, 60_000),
  /** After the pivot the step is retried for ever; this caps the wait between two attempts at a minute. */
  afterPivot: retry(3, 1_000, 60_000),
};
