import { InventoryLegacyStockRow, INVENTORY_LEGACY_STOCK, translateInventoryLegacyStock } from './legacy-stock.capture';

const row: InventoryLegacyStockRow = {
  REF_ARTICLE: 'REF_ARTICLE-0',
  LIBELLE: 'LIBELLE-1',
  QTE_DISPO: 42,
  QTE_RESERVEE: 43,
  PRIX: '44.25',
};

/** The envelope as Debezium sends it, with the transaction it belongs to (`provide.transaction.metadata`). */
const envelope = (op: 'c' | 'u' | 'd', value: InventoryLegacyStockRow) =>
  Buffer.from(
    JSON.stringify({
      op,
      before: op === 'd' ? value : null,
      after: op === 'd' ? null : value,
      source: { lsn: 100, txId: 7, ts_ms: 1, table: 'STOCK' },
      ts_ms: 2,
      transaction: { id: '7:100', total_order: 2, data_collection_order: 1 },
    }),
  );

describe('a captured STOCK row for the inventory context', () => {
  it('is read with its key and its transaction', () => {
    const change = INVENTORY_LEGACY_STOCK.decode(envelope('c', row));
    expect(change).toMatchObject({ deleted: false, lsn: 100, transactionId: '7', transactionOrder: 2 });
    expect(change?.key).toEqual('REF_ARTICLE-0');
  });

  it('is translated to the fields of the StockItem', () => {
    expect(translateInventoryLegacyStock(row)).toEqual({
      sku: 'REF_ARTICLE-0',
      label: 'LIBELLE-1',
      unitPrice: { amount: 4425, currency: 'EUR' },
      // By hand (ADR 0045): QTE_DISPO is what is free, so on hand is it and what is reserved.
      onHand: 42 + 43,
      reserved: 43,
    });
  });

  it('reads a NULL as what it means in the inventory context', () => {
    expect(translateInventoryLegacyStock({ ...row, LIBELLE: null, PRIX: null, QTE_RESERVEE: null })).toMatchObject({
      label: '',
      unitPrice: { amount: 0, currency: 'EUR' },
      reserved: 0,
      onHand: 42,
    });
  });
});
