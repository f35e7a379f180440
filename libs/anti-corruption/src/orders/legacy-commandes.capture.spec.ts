import { aggregateIdOfLegacy } from '../clients/legacy-client-key';
import {
  OrdersLegacyCommandesRow,
  ORDERS_LEGACY_COMMANDES,
  translateOrdersLegacyCommandes,
} from './legacy-commandes.capture';

const row: OrdersLegacyCommandesRow = {
  NO_COMMANDE: 40,
  NO_CLIENT: 41,
  DATE_COMMANDE: 'DATE_COMMANDE-2',
  STATUT: 'E',
  MONTANT_TOTAL: '44.25',
};

/** The envelope as Debezium sends it, with the transaction it belongs to (`provide.transaction.metadata`). */
const envelope = (op: 'c' | 'u' | 'd', value: OrdersLegacyCommandesRow) =>
  Buffer.from(
    JSON.stringify({
      op,
      before: op === 'd' ? value : null,
      after: op === 'd' ? null : value,
      source: { lsn: 100, txId: 7, ts_ms: 1, table: 'COMMANDES' },
      ts_ms: 2,
      transaction: { id: '7:100', total_order: 2, data_collection_order: 1 },
    }),
  );

describe('a captured COMMANDES row for the orders context', () => {
  it('is read with its key and its transaction', () => {
    const change = ORDERS_LEGACY_COMMANDES.decode(envelope('c', row));
    expect(change).toMatchObject({ deleted: false, lsn: 100, transactionId: '7', transactionOrder: 2 });
    expect(change?.key).toEqual(40);
  });

  it('is translated to the fields of the Order', () => {
    expect(translateOrdersLegacyCommandes(row)).toEqual({
      clientId: aggregateIdOfLegacy('CLIENTS', 41),
      total: { amount: 4425, currency: 'EUR' },
      status: 'PENDING',
    });
  });

  it('reads a NULL as what it means in the orders context', () => {
    expect(translateOrdersLegacyCommandes({ ...row, MONTANT_TOTAL: null })).toMatchObject({
      total: { amount: 0, currency: 'EUR' },
    });
  });
});
