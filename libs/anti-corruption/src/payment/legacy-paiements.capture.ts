import { MoneyJson } from '@bascule/shared/contracts';
import { capturedMoney } from '../debezium/debezium-decimal';
import { capturedCode } from '../debezium/debezium-code';
import { aggregateIdOfLegacy } from '../clients/legacy-client-key';
import { debeziumTable, integerKey } from '../debezium/debezium-table';

/** A `PAIEMENTS` row as Debezium sends it to the payment context (JSON; the connector's settings in tools/infra/connect/legacy-connector.json). */
export interface PaymentLegacyPaiementsRow extends Record<string, unknown> {
  /** `integer`: an integer. */
  NO_PAIEMENT: number;
  /** `integer`: an integer. */
  NO_COMMANDE: number;
  /** `numeric(12, 2)`: the decimal as text (exact). */
  MONTANT: string;
  /** `char(1)`: text. */
  MODE: string | null;
  /** `varchar(34)`: masked at capture but for its first and last characters (the partial-mask converter). */
  IBAN: string | null;
  /** `char(1)`: text. */
  STATUT: string;
  /** `varchar(10)`: text. */
  DATE_PAIEMENT: string | null;
}

/** `PAIEMENTS` as captured, keyed by NO_PAIEMENT. */
export const PAYMENT_LEGACY_PAIEMENTS = debeziumTable<PaymentLegacyPaiementsRow, number>(
  'PAIEMENTS',
  integerKey('NO_PAIEMENT'),
);

/** What the payment context's Payment holds of a `PAIEMENTS` row; the domain validates it when applied. */
export interface PaymentLegacyPaiementsFields {
  orderId: string;
  authorizedAmount: MoneyJson;
  status: 'AUTHORIZED' | 'CAPTURED' | 'REFUNDED' | 'DECLINED';
  method: 'CARD' | 'TRANSFER' | 'DIRECT_DEBIT' | null;
  maskedIban: string | null;
  paidOn: string | null;
}

/**
 * A `PAIEMENTS` row → the Payment's fields. A skeleton to grow with the model; not mapped yet: NO_PAIEMENT.
 * Quarantine (in the group's translation) only rows that are corrupt, never a state the legacy system holds.
 */
export function translatePaymentLegacyPaiements(row: PaymentLegacyPaiementsRow): PaymentLegacyPaiementsFields {
  return {
    orderId: aggregateIdOfLegacy('COMMANDES', row.NO_COMMANDE),
    authorizedAmount: capturedMoney('MONTANT', row.MONTANT, 'EUR'),
    status: capturedCode('STATUT', row.STATUT, {
      A: 'AUTHORIZED',
      C: 'CAPTURED',
      R: 'REFUNDED',
      E: 'DECLINED',
    } as const),
    method:
      row.MODE === null
        ? null
        : capturedCode('MODE', row.MODE, { C: 'CARD', V: 'TRANSFER', P: 'DIRECT_DEBIT' } as const),
    maskedIban: row.IBAN,
    paidOn: row.DATE_PAIEMENT,
  };
}
