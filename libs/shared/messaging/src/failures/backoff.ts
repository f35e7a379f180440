export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffOptions = { initialMs: 200, maxMs: 10_000 };

/**
 * Exponential backoff with "equal jitter": half the exponential step plus a random half, so many
 * consumers retrying at once spread out, yet the wait still grows with each attempt.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = defaultBackoff,
  random: () => number = Math.random,
): number {
  const step = Math.min(options.maxMs, options.initialMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.round(step / 2 + random() * (step / 2));
}

/** Waits `ms`, waking every `tickMs` to run `tick` (a Kafka heartbeat) and stopping early when `cancelled()` holds. */
export async function pause(
  ms: number,
  options: { tickMs?: number; tick?: () => Promise<void>; cancelled?: () => boolean } = {},
): Promise<void> {
  const deadline = Date.now() + ms;
  const tickMs = options.tickMs ?? 1_000;
  while (Date.now() < deadline && !options.cancelled?.()) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(tickMs, deadline - Date.now())));
    await options.tick?.();
  }
}
