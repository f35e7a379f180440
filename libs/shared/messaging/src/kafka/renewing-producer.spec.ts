import { Producer } from 'kafkajs';
import { isOutOfSequence, renewingProducer } from './renewing-producer';

/** A stand-in for a kafkajs producer: records what it is asked, fails sends while `refuse` holds. */
function fakeProducer(id: number, refuse: () => boolean) {
  const calls: string[] = [];
  const listeners: string[] = [];
  const producer = {
    id,
    calls,
    listeners,
    connect: async () => void calls.push('connect'),
    disconnect: async () => void calls.push('disconnect'),
    on: (event: string) => {
      listeners.push(event);
      return () => undefined;
    },
    sendBatch: async () => {
      calls.push('sendBatch');
      if (refuse())
        throw Object.assign(new Error('retries exceeded'), { cause: { type: 'OUT_OF_ORDER_SEQUENCE_NUMBER' } });
      return [{ producer: id }];
    },
  };
  return producer;
}

describe('a producer renewed when the broker refuses its sequence numbers', () => {
  it('sends through a new, connected producer after an out-of-sequence refusal, with the same listeners', async () => {
    const made: ReturnType<typeof fakeProducer>[] = [];
    let refusing = true;
    const producer = renewingProducer(() => {
      const next = fakeProducer(made.length + 1, () => made.length === 1 && refusing);
      made.push(next);
      return next as unknown as Producer;
    });
    producer.on(producer.events?.CONNECT ?? 'producer.connect', () => undefined);
    await producer.connect();

    await expect(producer.sendBatch({ topicMessages: [] })).rejects.toThrow('retries exceeded');
    refusing = false;
    expect(await producer.sendBatch({ topicMessages: [] })).toEqual([{ producer: 2 }]);

    expect(made).toHaveLength(2);
    expect(made[0].calls).toEqual(['connect', 'sendBatch', 'disconnect']);
    expect(made[1].calls).toEqual(['connect', 'sendBatch']);
    expect(made[1].listeners).toEqual(made[0].listeners);
  });

  it('keeps its producer on any other failure', async () => {
    let made = 0;
    const producer = renewingProducer(() => {
      made += 1;
      return {
        connect: async () => undefined,
        sendBatch: async () => Promise.reject(new Error('broker not available')),
      } as unknown as Producer;
    });
    await expect(producer.sendBatch({ topicMessages: [] })).rejects.toThrow('broker not available');
    await expect(producer.sendBatch({ topicMessages: [] })).rejects.toThrow('broker not available');
    expect(made).toBe(1);
  });

  it('finds the refusal wherever kafkajs wraps it', () => {
    expect(isOutOfSequence({ type: 'OUT_OF_ORDER_SEQUENCE_NUMBER' })).toBe(true);
    expect(
      isOutOfSequence({
        name: 'KafkaJSNonRetriableError',
        cause: { originalError: { type: 'OUT_OF_ORDER_SEQUENCE_NUMBER' } },
      }),
    ).toBe(true);
    expect(isOutOfSequence(new Error('timeout'))).toBe(false);
    expect(isOutOfSequence(undefined)).toBe(false);
  });
});

describe('a renewing producer wrapped by its user', () => {
  it('keeps a method assigned over its own, which may call the original', async () => {
    const producer = renewingProducer(
      () => ({ connect: async () => undefined, sendBatch: async () => ['sent'] }) as unknown as Producer,
    );
    const original = producer.sendBatch.bind(producer);
    producer.sendBatch = async (batch) => [...(await original(batch)), 'counted'] as never;
    expect(await producer.sendBatch({ topicMessages: [] })).toEqual(['sent', 'counted']);
  });
});
