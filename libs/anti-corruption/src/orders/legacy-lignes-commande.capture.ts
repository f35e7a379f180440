import { MoneyJson } from '@bascule/shared/contracts';
import { capturedMoney, capturedMoneyTimes } from '../debezium/debezium-decimal';
import { compositeKey, debeziumTable } from '../debezium/debezium-table';

/** A `LIGNES_COMMANDE` row as Debezium sends it to the orders context (JSON; the connector's settings in tools/infra/connect/legacy-connector.json). */
export interface OrdersLegacyLignesCommandeRow extends Record<string, unknown> {
  /** `integer`: an integer. */
  NO_COMMANDE: number;
  /** `integer`: an integer. */
  NO_LIGNE: number;
  /** `varchar(20)`: text. */
  REF_ARTICLE: string;
  /** `integer`: an integer. */
  QUANTITE: number;
  /** `numeric(10, 2)`: the decimal as text (exact). */
  PRIX_UNITAIRE: string;
}

/** `LIGNES_COMMANDE` as captured, keyed by NO_COMMANDE, NO_LIGNE. */
export const ORDERS_LEGACY_LIGNES_COMMANDE = debeziumTable<OrdersLegacyLignesCommandeRow, string>(
  'LIGNES_COMMANDE',
  compositeKey({ NO_COMMANDE: 'integer', NO_LIGNE: 'integer' }),
);

/** A `LIGNES_COMMANDE` row as a child of its `COMMANDES` row in the orders context's Order; the domain validates it when applied. */
export interface OrdersLegacyLignesCommandeFields {
  sku: string;
  quantity: number;
  unitPrice: MoneyJson;
  lineTotal: MoneyJson;
}

/**
 * A `LIGNES_COMMANDE` row → the fields of a child. A skeleton to grow with the model; not mapped yet: NO_LIGNE.
 * Quarantine (in the group's translation) only rows that are corrupt, never a state the legacy system holds.
 */
export function translateOrdersLegacyLignesCommande(
  row: OrdersLegacyLignesCommandeRow,
): OrdersLegacyLignesCommandeFields {
  return {
    sku: row.REF_ARTICLE,
    quantity: row.QUANTITE,
    unitPrice: capturedMoney('PRIX_UNITAIRE', row.PRIX_UNITAIRE, 'EUR'),
    lineTotal: capturedMoneyTimes(capturedMoney('PRIX_UNITAIRE', row.PRIX_UNITAIRE, 'EUR'), row.QUANTITE),
  };
}
