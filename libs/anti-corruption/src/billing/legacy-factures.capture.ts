import { MoneyJson } from '@bascule/shared/contracts';
import { capturedMoney } from '../debezium/debezium-decimal';
import { aggregateIdOfLegacy } from '../clients/legacy-client-key';
import { capturedLegacyDate, requiredValue } from '../debezium/captured-value';
import { debeziumTable, integerKey } from '../debezium/debezium-table';

/** A `FACTURES` row as Debezium sends it to the billing context (JSON; the connector's settings in tools/infra/connect/legacy-connector.json). */
export interface BillingLegacyFacturesRow extends Record<string, unknown> {
  /** `integer`: an integer. */
  NO_FACTURE: number;
  /** `integer`: an integer. */
  NO_COMMANDE: number;
  /** `numeric(12, 2)`: the decimal as text (exact). */
  MONTANT_HT: string | null;
  /** `numeric(12, 2)`: the decimal as text (exact). */
  TVA: string | null;
  /** `numeric(12, 2)`: the decimal as text (exact). */
  MONTANT_TTC: string | null;
  /** `varchar(10)`: text. */
  DATE_FACTURE: string | null;
}

/** `FACTURES` as captured, keyed by NO_FACTURE. */
export const BILLING_LEGACY_FACTURES = debeziumTable<BillingLegacyFacturesRow, number>(
  'FACTURES',
  integerKey('NO_FACTURE'),
);

/** What the billing context's Invoice holds of a `FACTURES` row; the domain validates it when applied. */
export interface BillingLegacyFacturesFields {
  orderId: string;
  number: string;
  issuedOn: string;
  totalExclVat: MoneyJson;
  totalVat: MoneyJson;
  totalInclVat: MoneyJson;
}

/**
 * A `FACTURES` row → the Invoice's fields. A skeleton to grow with the model.
 * Quarantine (in the group's translation) only rows that are corrupt, never a state the legacy system holds.
 */
export function translateBillingLegacyFactures(row: BillingLegacyFacturesRow): BillingLegacyFacturesFields {
  return {
    orderId: aggregateIdOfLegacy('COMMANDES', row.NO_COMMANDE),
    number: String(row.NO_FACTURE),
    issuedOn: capturedLegacyDate('DATE_FACTURE', requiredValue('DATE_FACTURE', row.DATE_FACTURE)),
    totalExclVat: capturedMoney('MONTANT_HT', requiredValue('MONTANT_HT', row.MONTANT_HT), 'EUR'),
    totalVat: capturedMoney('TVA', requiredValue('TVA', row.TVA), 'EUR'),
    totalInclVat: capturedMoney('MONTANT_TTC', requiredValue('MONTANT_TTC', row.MONTANT_TTC), 'EUR'),
  };
}
