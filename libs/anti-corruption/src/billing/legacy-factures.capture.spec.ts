import { aggregateIdOfLegacy } from '../clients/legacy-client-key';
import {
  BillingLegacyFacturesRow,
  BILLING_LEGACY_FACTURES,
  translateBillingLegacyFactures,
} from './legacy-factures.capture';

const row: BillingLegacyFacturesRow = {
  NO_FACTURE: 40,
  NO_COMMANDE: 41,
  MONTANT_HT: '42.25',
  TVA: '43.25',
  MONTANT_TTC: '44.25',
  DATE_FACTURE: '15/12/2025',
};

/** The envelope as Debezium sends it, with the transaction it belongs to (`provide.transaction.metadata`). */
const envelope = (op: 'c' | 'u' | 'd', value: BillingLegacyFacturesRow) =>
  Buffer.from(
    JSON.stringify({
      op,
      before: op === 'd' ? value : null,
      after: op === 'd' ? null : value,
      source: { lsn: 100, txId: 7, ts_ms: 1, table: 'FACTURES' },
      ts_ms: 2,
      transaction: { id: '7:100', total_order: 2, data_collection_order: 1 },
    }),
  );

describe('a captured FACTURES row for the billing context', () => {
  it('is read with its key and its transaction', () => {
    const change = BILLING_LEGACY_FACTURES.decode(envelope('c', row));
    expect(change).toMatchObject({ deleted: false, lsn: 100, transactionId: '7', transactionOrder: 2 });
    expect(change?.key).toEqual(40);
  });

  it('is translated to the fields of the Invoice', () => {
    expect(translateBillingLegacyFactures(row)).toEqual({
      orderId: aggregateIdOfLegacy('COMMANDES', 41),
      number: '40',
      issuedOn: '2025-12-15',
      totalExclVat: { amount: 4225, currency: 'EUR' },
      totalVat: { amount: 4325, currency: 'EUR' },
      totalInclVat: { amount: 4425, currency: 'EUR' },
    });
  });

  it('takes a NULL DATE_FACTURE as a corrupt row', () => {
    expect(() => translateBillingLegacyFactures({ ...row, DATE_FACTURE: null })).toThrow('DATE_FACTURE is NULL');
  });

  it('takes a NULL MONTANT_HT as a corrupt row', () => {
    expect(() => translateBillingLegacyFactures({ ...row, MONTANT_HT: null })).toThrow('MONTANT_HT is NULL');
  });

  it('takes a NULL TVA as a corrupt row', () => {
    expect(() => translateBillingLegacyFactures({ ...row, TVA: null })).toThrow('TVA is NULL');
  });

  it('takes a NULL MONTANT_TTC as a corrupt row', () => {
    expect(() => translateBillingLegacyFactures({ ...row, MONTANT_TTC: null })).toThrow('MONTANT_TTC is NULL');
  });
});
