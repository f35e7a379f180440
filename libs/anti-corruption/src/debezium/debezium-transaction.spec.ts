import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MalformedChange } from './debezium-change';
import { parseTransactionEnd, readTransactionEnd } from './debezium-transaction';

const event = (fields: object) => Buffer.from(JSON.stringify(fields));

describe('a Debezium transaction event', () => {
  it('gives an END its transaction key (the xid) and per-table counts, tables named without their schema', () => {
    const end = event({
      status: 'END',
      id: '571:53195832',
      event_count: 3,
      data_collections: [
        { data_collection: 'public.COMMANDES', event_count: 1 },
        { data_collection: 'public.LIGNES_COMMANDE', event_count: 2 },
      ],
      ts_ms: 1,
    });
    expect(parseTransactionEnd(end)).toEqual({ id: '571', counts: { COMMANDES: 1, LIGNES_COMMANDE: 2 } });
  });

  it('is read for a grouped legacy sync as its transaction key and counts', () => {
    const end = event({
      status: 'END',
      id: '572:1',
      data_collections: [{ data_collection: 'public.STOCK', event_count: 2 }],
    });
    expect(readTransactionEnd(end)).toEqual({ transactionId: '572', counts: { STOCK: 2 } });
    expect(readTransactionEnd(event({ status: 'BEGIN', id: '572:0' }))).toBeNull();
  });

  it('ignores a BEGIN and a tombstone', () => {
    expect(
      parseTransactionEnd(event({ status: 'BEGIN', id: '571:1', event_count: null, data_collections: null })),
    ).toBeNull();
    expect(parseTransactionEnd(null)).toBeNull();
  });

  it('refuses what is not a transaction event, quoting no value', () => {
    expect(() => parseTransactionEnd(Buffer.from('{"status":"END","id":"secret-value"'))).toThrow(MalformedChange);
    expect(() => parseTransactionEnd(event({ status: 'END', id: '1:2', data_collections: null }))).toThrow(
      'transaction END without data_collections',
    );
    expect(() => parseTransactionEnd(event({ status: 'OTHER', id: 'x' }))).toThrow(/not a Debezium transaction event/);
  });

  it('is what the legacy connector provides (ADR 0031)', () => {
    const connector = JSON.parse(
      readFileSync(join(__dirname, '../../../../tools/infra/connect/legacy-connector.json'), 'utf8'),
    ) as { config: Record<string, string> };
    expect(connector.config['provide.transaction.metadata']).toBe('true');
  });
});
