import { EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { DeadLetterPublisher } from '../dead-letter/dead-letter-publisher';
import { ConsumerEngine } from './consumer-engine';
import { Applied, MessageApplier, SetAside } from './message-applier';

const messages = (count: number): KafkaMessage[] =>
  Array.from({ length: count }, (_, i) => ({ offset: String(i), value: Buffer.from(`m${i}`) }) as KafkaMessage);

/** An applier that records each transaction's messages; a message named in `refused` sets its transaction aside. */
function recordingApplier(refused = new Set<string>()) {
  const log: string[] = [];
  const transactions: string[][] = [];
  const applied = (batch: KafkaMessage[]): Applied => ({
    outcomes: batch.map(() => 'applied'),
    letters: batch.map(() => undefined),
  });
  const applier: MessageApplier = {
    applyTogether: async (batch) => {
      if (batch.some((m) => refused.has(m.offset))) throw new SetAside('refused');
      transactions.push(batch.map((m) => m.offset));
      log.push(`commit ${batch[0].offset}..${batch.at(-1)!.offset}`);
      return applied(batch);
    },
    applyAlone: async (message) => {
      transactions.push([message.offset]);
      return applied([message]);
    },
    committed: () => undefined,
  };
  return { applier, transactions, log };
}

/** A partition's batch as kafkajs hands it over; `revokeAfter` resolved offsets, the partition is taken away. */
function batchOf(all: KafkaMessage[], log: string[], revokeAfter = Infinity) {
  const resolved: string[] = [];
  let heartbeats = 0;
  const payload = {
    batch: {
      topic: 't',
      partition: 0,
      messages: all,
      highWatermark: String(all.length),
      lastOffset: () => all.at(-1)!.offset,
    },
    resolveOffset: (offset: string) => {
      resolved.push(offset);
      if (resolved.length === 1 || Number(offset) % 100 === 99) log.push(`resolved ${offset}`);
    },
    heartbeat: async () => {
      heartbeats += 1;
    },
    isRunning: () => true,
    isStale: () => resolved.length >= revokeAfter,
    uncommittedOffsets: () => ({ topics: [] }),
    commitOffsetsIfNecessary: async () => undefined,
  } as unknown as EachBatchPayload;
  return { payload, resolved, heartbeats: () => heartbeats };
}

const engineWith = (applier: MessageApplier, maxMessagesPerTransaction?: number) =>
  new ConsumerEngine(
    {} as Kafka,
    applier,
    {} as DeadLetterPublisher,
    { groupId: 'g', topics: ['t'], groupPartitionBatches: false, maxMessagesPerTransaction },
    { warn: () => undefined },
  );

describe('the consumer engine applies a long batch in slices', () => {
  it('one transaction per slice of at most maxMessagesPerTransaction, each resolved and heartbeated once committed', async () => {
    const { applier, transactions, log } = recordingApplier();
    const batch = batchOf(messages(1_234), log);
    await engineWith(applier, 500).consume(batch.payload);
    expect(transactions.map((t) => [t[0], t.at(-1), t.length])).toEqual([
      ['0', '499', 500],
      ['500', '999', 500],
      ['1000', '1233', 234],
    ]);
    expect(batch.resolved).toEqual(messages(1_234).map((m) => m.offset));
    // A slice's offsets are resolved after its commit and before the next slice's transaction.
    expect(log.filter((line) => /commit|resolved (0|499|500|999|1000)$/.test(line))).toEqual([
      'commit 0..499',
      'resolved 0',
      'resolved 499',
      'commit 500..999',
      'resolved 999',
      'commit 1000..1233',
    ]);
    expect(batch.heartbeats()).toBe(3);
  });

  it('500 by default', async () => {
    const { applier, transactions, log } = recordingApplier();
    await engineWith(applier).consume(batchOf(messages(1_001), log).payload);
    expect(transactions.map((t) => t.length)).toEqual([500, 500, 1]);
  });

  it('stops between slices once the partition is no longer its own; the rest is left for its next owner', async () => {
    const { applier, transactions, log } = recordingApplier();
    const batch = batchOf(messages(1_000), log, 300);
    await engineWith(applier, 300).consume(batch.payload);
    expect(transactions.map((t) => t.length)).toEqual([300]);
    expect(batch.resolved).toHaveLength(300);
  });

  it('a slice with a message to set aside is redone message by message; the other slices stay whole', async () => {
    const { applier, transactions, log } = recordingApplier(new Set(['150']));
    await engineWith(applier, 100).consume(batchOf(messages(300), log).payload);
    expect(transactions.map((t) => t.length)).toEqual([100, ...Array(100).fill(1), 100]);
  });
});
