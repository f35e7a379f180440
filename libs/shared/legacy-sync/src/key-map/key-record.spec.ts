import { KeyRecord, latestPerKey } from './key-record';

const record = (key: number | string, lsn: number): KeyRecord => ({
  key,
  aggregateId: `a-${key}`,
  lsn,
  deleted: false,
  kept: null,
  committedAtMs: 0,
});

describe('the key map records of a batch', () => {
  it('keep one record per key, the latest position winning, whatever the order', () => {
    expect(latestPerKey([record(1, 10), record(2, 20), record(1, 30), record(1, 5)])).toEqual([
      record(1, 30),
      record(2, 20),
    ]);
  });

  it('treat a key and its text as the same key', () => {
    expect(latestPerKey([record(7, 1), record('7', 2)])).toEqual([record('7', 2)]);
  });
});
