import { MoneyJson } from '@bascule/shared/contracts';
import { aggregateIdOfLegacy } from '../clients/legacy-client-key';
import { capturedCode } from '../debezium/debezium-code';
import { capturedMoney } from '../debezium/debezium-decimal';
import { debeziumTable, integerKey } from '../debezium/debezium-table';

/** A `COMMANDES` row as Debezium sends it to the orders context (JSON; the connector's settings in tools/infra/connect/legacy-connector.json). */
export interface OrdersLegacyCommandesRow extends Record<string, unknown> {
  /** `integer`: an integer. */
  NO_COMMANDE: number;
  /** `integer`: an integer. */
  NO_CLIENT: number;
  /** `varchar(10)`: text. */
  DATE_COMMANDE: string | null;
  /** `char(1)`: text. */
  STATUT: string;
  /** `numeric(12, 2)`: the decimal as text (exact). */
  MONTANT_TOTAL: string | null;
}

/** `COMMANDES` as captured, keyed by NO_COMMANDE. */
export const ORDERS_LEGACY_COMMANDES = debeziumTable<OrdersLegacyCommandesRow, number>(
  'COMMANDES',
  integerKey('NO_COMMANDE'),
);

/** What the orders context's Order holds of a `COMMANDES` row; the domain validates it when applied. */
export interface OrdersLegacyCommandesFields {
  clientId: string;
  total: MoneyJson;
  status: 'PENDING' | 'CONFIRMED' | 'SHIPPED' | 'CANCELLED';
}

/**
 * A `COMMANDES` row → the Order's fields. A skeleton to grow with the model; not mapped yet: NO_COMMANDE, DATE_COMMANDE.
 * Quarantine (in the group's translation) only rows that are corrupt, never a state the legacy system holds.
 */
export function translateOrdersLegacyCommandes(row: OrdersLegacyCommandesRow): OrdersLegacyCommandesFields {
  return {
    clientId: aggregateIdOfLegacy('CLIENTS', row.NO_CLIENT),
    total: capturedMoney('MONTANT_TOTAL', row.MONTANT_TOTAL ?? '0', 'EUR'),
    status: capturedCode('STATUT', row.STATUT, { E: 'PENDING', V: 'CONFIRMED', L: 'SHIPPED', A: 'CANCELLED' } as const),
  };
}
