import { MalformedChange } from './debezium-change';
import { compositeKey, debeziumTable, integerKey } from './debezium-table';

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
      transactionId: null,
      transactionOrder: null,
      committedAtMs: 4,
    });
    expect(
      table.decode(envelope({ transaction: { id: '3:10', total_order: 5, data_collection_order: 2 } })),
    ).toMatchObject({
      transactionId: '3',
      transactionOrder: 5,
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

  it('reads a composite key, from the message key and the row alike, whatever their column order', () => {
    const lines = debeziumTable<Record<string, unknown>, string>(
      'LIGNES_COMMANDE',
      compositeKey({ NO_COMMANDE: 'integer', NO_LIGNE: 'integer' }),
    );
    const canonical = '{"NO_COMMANDE":500001,"NO_LIGNE":2}';
    expect(lines.keyOf(Buffer.from('{"NO_LIGNE":2,"NO_COMMANDE":500001}'))).toBe(canonical);
    expect(lines.keyOf(Buffer.from('{"NO_COMMANDE":500001}'))).toBeUndefined();
    const row = { NO_COMMANDE: 500001, NO_LIGNE: 2, REF_ARTICLE: 'A-1' };
    expect(lines.decode(envelope({ after: row }))).toMatchObject({ key: canonical, row });
    expect(() => lines.decode(envelope({ after: { NO_COMMANDE: 500001, NO_LIGNE: '2' } }))).toThrow(
      new MalformedChange('the key is not integer NO_COMMANDE, integer NO_LIGNE'),
    );
  });
});
