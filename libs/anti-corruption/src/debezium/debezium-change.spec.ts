import { MalformedChange, parseDebeziumChange } from './debezium-change';

const change = (fields: object) =>
  Buffer.from(
    JSON.stringify({
      before: null,
      after: { NO_CLIENT: 1 },
      op: 'c',
      ts_ms: 1,
      source: { lsn: 10, txId: 5, ts_ms: 1, table: 'CLIENTS' },
      ...fields,
    }),
  );

describe('parsing Debezium change events', () => {
  it('reads the full envelope', () => {
    expect(parseDebeziumChange(change({}))).toMatchObject({ op: 'c', after: { NO_CLIENT: 1 }, source: { lsn: 10 } });
  });

  it('returns null for a tombstone', () => {
    expect(parseDebeziumChange(null)).toBeNull();
  });

  it.each([
    ['not JSON', Buffer.from('{oops'), /not JSON/],
    ['an unknown op', change({ op: 'x' }), /not a Debezium change/],
    ['no source position', change({ source: { table: 'CLIENTS' } }), /source/],
    ['a delete without its before image', change({ op: 'd', before: null, after: null }), /op d without its row/],
  ])('refuses %s', (_name, value, message) => {
    expect(() => parseDebeziumChange(value)).toThrow(MalformedChange);
    expect(() => parseDebeziumChange(value)).toThrow(message);
  });
});
