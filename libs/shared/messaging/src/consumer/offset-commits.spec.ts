import { OffsetCommits } from './offset-commits';

type Offsets = { topics: { topic: string; partitions: { partition: number; offset: string }[] }[] };

/** A consumer's view of its offsets: what is resolved and not committed yet, and the commits it makes. */
function consumer() {
  let uncommitted: Offsets = { topics: [] };
  const commits: Offsets[] = [];
  return {
    commits,
    resolve: (partition: number, offset: string) => {
      uncommitted = {
        topics: [{ topic: 't', partitions: [...(uncommitted.topics[0]?.partitions ?? []), { partition, offset }] }],
      };
    },
    payload: {
      uncommittedOffsets: () => uncommitted,
      commitOffsetsIfNecessary: async (offsets?: Offsets) => {
        commits.push(offsets ?? { topics: [] });
        uncommitted = { topics: [] };
      },
    },
  };
}

describe('offsets committed once per interval', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());
  const quiet = { warn: jest.fn() };

  it('commit every partition resolved within the interval in one request', async () => {
    const kafka = consumer();
    const offsets = new OffsetCommits(200, quiet);
    kafka.resolve(0, '10');
    offsets.soon(kafka.payload as never);
    kafka.resolve(1, '20');
    offsets.soon(kafka.payload as never);
    expect(kafka.commits).toEqual([]);
    await jest.advanceTimersByTimeAsync(200);
    expect(kafka.commits).toEqual([
      {
        topics: [
          {
            topic: 't',
            partitions: [
              { partition: 0, offset: '10' },
              { partition: 1, offset: '20' },
            ],
          },
        ],
      },
    ]);
  });

  it('commit what is left at once when flushed (before a stop), and nothing when nothing is left', async () => {
    const kafka = consumer();
    const offsets = new OffsetCommits(200, quiet);
    kafka.resolve(0, '11');
    offsets.soon(kafka.payload as never);
    await offsets.flush();
    await offsets.flush();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(kafka.commits).toHaveLength(1);
  });

  it('say so, and do not throw, when a commit is refused (a rebalance): the changes are redelivered', async () => {
    const offsets = new OffsetCommits(200, quiet);
    const refusing = {
      uncommittedOffsets: () => ({ topics: [{ topic: 't', partitions: [{ partition: 0, offset: '1' }] }] }),
      commitOffsetsIfNecessary: async () => Promise.reject(new Error('REBALANCE_IN_PROGRESS')),
    };
    offsets.soon(refusing as never);
    await expect(offsets.flush()).resolves.toBeUndefined();
    expect(quiet.warn).toHaveBeenCalledWith(expect.anything(), expect.stringMatching(/redelivered/));
  });

  it('commits a batch finishing while the consumer stops at once, and arms no timer for after the disconnect', async () => {
    const kafka = consumer();
    const offsets = new OffsetCommits(200, quiet);
    offsets.stopping = true;
    kafka.resolve(0, '10');
    offsets.soon(kafka.payload as never);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(kafka.commits).toEqual([]);
    await offsets.now(kafka.payload as never);
    expect(kafka.commits).toEqual([{ topics: [{ topic: 't', partitions: [{ partition: 0, offset: '10' }] }] }]);
  });
});
