import {
  OrdersLegacyLignesCommandeRow,
  ORDERS_LEGACY_LIGNES_COMMANDE,
  translateOrdersLegacyLignesCommande,
} from './legacy-lignes-commande.capture';

const row: OrdersLegacyLignesCommandeRow = {
  NO_COMMANDE: 40,
  NO_LIGNE: 41,
  REF_ARTICLE: 'REF_ARTICLE-2',
  QUANTITE: 43,
  PRIX_UNITAIRE: '44.25',
};

/** The envelope as Debezium sends it, with the transaction it belongs to (`provide.transaction.metadata`). */
const envelope = (op: 'c' | 'u' | 'd', value: OrdersLegacyLignesCommandeRow) =>
  Buffer.from(
    JSON.stringify({
      op,
      before: op === 'd' ? value : null,
      after: op === 'd' ? null : value,
      source: { lsn: 100, txId: 7, ts_ms: 1, table: 'LIGNES_COMMANDE' },
      ts_ms: 2,
      transaction: { id: '7:100', total_order: 2, data_collection_order: 1 },
    }),
  );

describe('a captured LIGNES_COMMANDE row for the orders context', () => {
  it('is read with its key and its transaction', () => {
    const change = ORDERS_LEGACY_LIGNES_COMMANDE.decode(envelope('c', row));
    expect(change).toMatchObject({ deleted: false, lsn: 100, transactionId: '7', transactionOrder: 2 });
    expect(change?.key).toEqual('{"NO_COMMANDE":40,"NO_LIGNE":41}');
  });

  it('is translated to the fields of a child', () => {
    expect(translateOrdersLegacyLignesCommande(row)).toEqual({
      sku: 'REF_ARTICLE-2',
      quantity: 43,
      unitPrice: { amount: 4425, currency: 'EUR' },
      lineTotal: { amount: 190275, currency: 'EUR' },
    });
  });
});
