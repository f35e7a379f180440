import { CapturedChange, compositeLegacyKey } from '@bascule/shared/contracts';
import { CaptureFormat } from '../src/legacy-table';

type Row = Record<string, unknown>;

/** Debezium's PostgreSQL transaction id is `<xid>:<lsn>`, the lsn differing between its events: the xid is the key. */
const transactionOf = (id: string | undefined) => id?.split(':')[0] ?? null;

/** The envelope as Debezium writes it (the ACL's reader is another scope's: this is the least the tests need). */
export const debeziumCapture = (
  table: string,
  keyOf: (row: Row) => string | number | undefined,
): CaptureFormat<Row, string | number> => ({
  table,
  keyOf: () => undefined,
  decode(value): CapturedChange<Row, string | number> | null {
    if (!value) return null;
    const change = JSON.parse(value.toString()) as {
      op: string;
      before: Row | null;
      after: Row | null;
      source: { lsn: number; txId: number; ts_ms: number };
      transaction?: { id: string; total_order: number } | null;
    };
    const row = (change.op === 'd' ? change.before : change.after) as Row;
    const key = keyOf(row);
    if (key === undefined) throw new Error('no key');
    const { lsn, txId, ts_ms } = change.source;
    const transactionId = transactionOf(change.transaction?.id);
    const transactionOrder = change.transaction?.total_order ?? null;
    return { deleted: change.op === 'd', key, row, lsn, txId, transactionId, transactionOrder, committedAtMs: ts_ms };
  },
});

export const lineKey = compositeLegacyKey({ NO_COMMANDE: 'integer', NO_LIGNE: 'integer' });
/** The legacy orders and their lines, as the tests capture them. */
export const COMMANDES = debeziumCapture('COMMANDES', (row) => row['NO_COMMANDE'] as number);
export const LIGNES_COMMANDE = debeziumCapture('LIGNES_COMMANDE', (row) => lineKey.parse(row));

/** A transaction's END event on `<prefix>.transaction`: its id and how many events each table got. */
export const readEnd = (value: Buffer | null) => {
  const event = value ? (JSON.parse(value.toString()) as Row) : null;
  if (event?.['status'] !== 'END') return null;
  const collections = event['data_collections'] as { data_collection: string; event_count: number }[];
  return {
    transactionId: transactionOf(event['id'] as string) as string,
    counts: Object.fromEntries(collections.map((c) => [c.data_collection.split('.').pop(), c.event_count])),
  };
};

/** The topics a connector with this prefix writes the orders, their lines and its transaction metadata to. */
export const orderTopics = (prefix: string) => ({
  orders: `${prefix}.public.COMMANDES`,
  lines: `${prefix}.public.LIGNES_COMMANDE`,
  transactions: `${prefix}.transaction`,
  ordersDlq: `${prefix}.public.COMMANDES.dlq`,
  linesDlq: `${prefix}.public.LIGNES_COMMANDE.dlq`,
});

/** A change of an order or a line as Debezium writes it with `provide.transaction.metadata` (the xid as the id). */
export const orderEnvelope = (
  table: 'COMMANDES' | 'LIGNES_COMMANDE',
  row: Row,
  lsn: number,
  xid: number,
  order: number,
  op = 'c',
) => ({
  key: JSON.stringify(
    table === 'COMMANDES'
      ? { NO_COMMANDE: row['NO_COMMANDE'] }
      : { NO_COMMANDE: row['NO_COMMANDE'], NO_LIGNE: row['NO_LIGNE'] },
  ),
  value: JSON.stringify({
    op,
    before: null,
    after: row,
    source: { lsn, txId: xid, ts_ms: Date.now() },
    transaction: { id: `${xid}:${lsn}`, total_order: order, data_collection_order: order },
  }),
});

/** A transaction's END on `<prefix>.transaction`, with its events per table. */
export const transactionEnd = (xid: number, lsn: number, counts: Record<string, number>) => ({
  key: JSON.stringify({ id: `${xid}:${lsn}` }),
  value: JSON.stringify({
    status: 'END',
    id: `${xid}:${lsn}`,
    event_count: Object.values(counts).reduce((a, b) => a + b, 0),
    data_collections: Object.entries(counts).map(([table, n]) => ({
      data_collection: `public.${table}`,
      event_count: n,
    })),
  }),
});
