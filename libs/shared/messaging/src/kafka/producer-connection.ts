import { Producer } from 'kafkajs';

/**
 * The producer as the outbox relay and the dead-letter publisher see it: it connects in the background
 * and again before a send when it is not connected, so a service starts (and takes writes into its outbox)
 * while the broker is unreachable, and publishes once it is back. A failed send throws as before; the
 * relay retries with backoff.
 */
export function connectWhenReachable(
  producer: Producer,
  logger: { warn(payload: object, message: string): void },
): Producer {
  let connected = false;
  let connecting: Promise<void> | undefined;
  producer.on(producer.events.CONNECT, () => (connected = true));
  producer.on(producer.events.DISCONNECT, () => (connected = false));
  const ensure = (): Promise<void> => {
    if (connected) return Promise.resolve();
    connecting ??= producer.connect().finally(() => (connecting = undefined));
    return connecting;
  };
  ensure().catch((error) =>
    logger.warn({ err: error }, 'Kafka is not reachable yet; events wait in the outbox and go out once it is'),
  );
  return new Proxy(producer, {
    get(target, property, receiver) {
      if (property === 'connect') return ensure;
      if (property === 'send' || property === 'sendBatch') {
        const send = Reflect.get(target, property, receiver) as (request: unknown) => Promise<unknown>;
        return async (request: unknown) => {
          await ensure();
          return send.call(target, request);
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}
