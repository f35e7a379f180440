import { Producer } from 'kafkajs';

/** The broker refused a batch's sequence number (anywhere in the error's causes). */
export function isOutOfSequence(error: unknown): boolean {
  let cause = error as { type?: string; cause?: unknown; originalError?: unknown } | undefined;
  for (let depth = 0; cause && depth < 5; depth++) {
    if (cause.type === 'OUT_OF_ORDER_SEQUENCE_NUMBER') return true;
    cause = (cause.cause ?? cause.originalError) as typeof cause;
  }
  return false;
}

type Listener = Parameters<Producer['on']>;

/**
 * An idempotent producer that starts afresh when the broker refuses its sequence numbers. kafkajs keeps a
 * sequence number per partition for the life of its producer id; a broker restarted with a batch in flight
 * can leave them out of step, and then the broker refuses every batch with OUT_OF_ORDER_SEQUENCE_NUMBER for
 * ever (the relay stalled so in relay-faults.int-spec.ts). The Java producer bumps its epoch; kafkajs cannot,
 * so the failing send throws as before (the relay retries it) and the next one goes through a new producer:
 * a new producer id, sequences from zero. A batch it sends again may be a second copy: consumers' inboxes
 * drop it (at-least-once, ADR 0004).
 */
export function renewingProducer(create: () => Producer): Producer {
  let current = create();
  let fresh = false; // the current producer came from a renewal and has not connected yet
  let connecting: Promise<void> | undefined;
  const listeners: Listener[] = [];

  const connectFresh = (): Promise<void> => {
    connecting ??= current
      .connect()
      .then(() => void (fresh = false))
      .finally(() => (connecting = undefined));
    return connecting;
  };
  const renew = (failed: Producer) => {
    if (failed !== current) return; // another send renewed it already
    current = create();
    fresh = true;
    for (const [event, listener] of listeners) current.on(event, listener);
    void failed.disconnect().catch(() => undefined);
  };
  const sending =
    (method: 'send' | 'sendBatch') =>
    async (request: never): Promise<unknown> => {
      if (fresh) await connectFresh();
      const used = current;
      try {
        return await (used[method] as (request: never) => Promise<unknown>)(request);
      } catch (error) {
        if (isOutOfSequence(error)) renew(used);
        throw error;
      }
    };

  const assigned = new Map<string | symbol, unknown>(); // properties set on the wrapper (tests wrap sendBatch)
  return new Proxy(current, {
    set(_target, property, value) {
      assigned.set(property, value);
      return true;
    },
    get(_target, property) {
      if (assigned.has(property)) return assigned.get(property);
      if (property === 'send' || property === 'sendBatch') return sending(property);
      if (property === 'connect') return () => (fresh ? connectFresh() : current.connect());
      if (property === 'on') {
        return (...listener: Listener) => {
          listeners.push(listener);
          return current.on(...listener);
        };
      }
      const value = Reflect.get(current, property) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value;
    },
  });
}
