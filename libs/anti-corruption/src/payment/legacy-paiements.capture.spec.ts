import { aggregateIdOfLegacy } from '../clients/legacy-client-key';
import {
  PaymentLegacyPaiementsRow,
  PAYMENT_LEGACY_PAIEMENTS,
  translatePaymentLegacyPaiements,
} from './legacy-paiements.capture';

const row: PaymentLegacyPaiementsRow = {
  NO_PAIEMENT: 40,
  NO_COMMANDE: 41,
  MONTANT: '42.25',
  MODE: 'C',
  IBAN: 'IBAN-4',
  STATUT: 'A',
  DATE_PAIEMENT: 'DATE_PAIEMENT-6',
};

/** The envelope as Debezium sends it, with the transaction it belongs to (`provide.transaction.metadata`). */
const envelope = (op: 'c' | 'u' | 'd', value: PaymentLegacyPaiementsRow) =>
  Buffer.from(
    JSON.stringify({
      op,
      before: op === 'd' ? value : null,
      after: op === 'd' ? null : value,
      source: { lsn: 100, txId: 7, ts_ms: 1, table: 'PAIEMENTS' },
      ts_ms: 2,
      transaction: { id: '7:100', total_order: 2, data_collection_order: 1 },
    }),
  );

describe('a captured PAIEMENTS row for the payment context', () => {
  it('is read with its key and its transaction', () => {
    const change = PAYMENT_LEGACY_PAIEMENTS.decode(envelope('c', row));
    expect(change).toMatchObject({ deleted: false, lsn: 100, transactionId: '7', transactionOrder: 2 });
    expect(change?.key).toEqual(40);
  });

  it('is translated to the fields of the Payment', () => {
    expect(translatePaymentLegacyPaiements(row)).toEqual({
      orderId: aggregateIdOfLegacy('COMMANDES', 41),
      authorizedAmount: { amount: 4225, currency: 'EUR' },
      status: 'AUTHORIZED',
      method: 'CARD',
      maskedIban: 'IBAN-4',
      paidOn: 'DATE_PAIEMENT-6',
    });
  });
});
