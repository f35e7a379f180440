import { MalformedChange } from './debezium-change';
import { debeziumTable, integerKey } from './debezium-table';

const table = debeziumTable<{ NO_CLIENT?: unknown }, number>('CLIENTS', integerKey('NO_CLIENT'));
const envelope = (fields: object) =>
  Buffer.from(
    JSON.stringify({
      before: null,
      after: { NO_CLIENT: 42 },
      op: 'u',
      ts_ms: 5,
      source: { lsn: 10, txId: 3, ts_ms: 4, table: 'CLIENTS' },
      ...fields,
    }),
  );

describe('a legacy table as Debezium captures it', () => {
  it('reads the key from the message key, and nothing when it is not one', () => {
    expect(table.keyOf(Buffer.from('{"NO_CLIENT":42}'))).toBe(42);
    expect(table.keyOf(Buffer.from('{"NO_CLIENT":"42"}'))).toBeUndefined();
    expect(table.keyOf(Buffer.from('{oops'))).toBeUndefined();
    expect(table.keyOf(null)).toBeUndefined();
  });

  it("decodes a change: its row, key, position, transaction and the source's commit time", () => {
    expect(table.decode(envelope({}))).toEqual({
      deleted: false,
      key: 42,
      row: { NO_CLIENT: 42 },
      lsn: 10,
      txId: 3,
      committedAtMs: 4,
    });
  });

  it('takes the row before a delete', () => {
    expect(table.decode(envelope({ op: 'd', before: { NO_CLIENT: 7 }, after: null }))).toMatchObject({
      deleted: true,
      key: 7,
      row: { NO_CLIENT: 7 },
    });
  });

  it('returns null for a tombstone and refuses a row whose key is not an integer', () => {
    expect(table.decode(null)).toBeNull();
    expect(() => table.decode(envelope({ after: { NO_CLIENT: 'x' } }))).toThrow(
      new MalformedChange('NO_CLIENT is not an integer'),
    );
  });
});
