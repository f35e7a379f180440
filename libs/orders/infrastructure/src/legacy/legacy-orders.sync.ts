import {
  aggregateIdOfLegacy,
  keptOfLegacyCommande,
  ORDERS_LEGACY_COMMANDES,
  OrdersLegacyCommandesFields,
  readTransactionEnd,
  translateOrdersLegacyCommandes,
  ORDERS_LEGACY_LIGNES_COMMANDE,
  translateOrdersLegacyLignesCommande,
  OrdersLegacyLignesCommandeRow,
} from '@bascule/anti-corruption';
import { LegacyOrderFields, SyncOrderFromLegacyTablesCommand } from '@bascule/orders/application';
import { Money } from '@bascule/shared/ddd';
import { childRowsOf, LegacySyncModule } from '@bascule/shared/legacy-sync';

/** A `LIGNES_COMMANDE` row's fields, its amounts (JSON, minor units) as the domain's Money. */
const lignesCommandeAsDomain = (row: OrdersLegacyLignesCommandeRow) => {
  const fields = translateOrdersLegacyLignesCommande(row);
  return { ...fields, unitPrice: Money.fromJSON(fields.unitPrice), lineTotal: Money.fromJSON(fields.lineTotal) };
};
/** How each child table's rows become fields of a order's children (`nx g @bascule/plugin:legacy-table <TABLE> --parent COMMANDES`). */
const childTranslators = {
  LIGNES_COMMANDE: lignesCommandeAsDomain,
};

/** The ACL's amounts (JSON, minor units) as the domain's Money. */
const asDomain = (fields: OrdersLegacyCommandesFields): LegacyOrderFields => ({
  ...fields,
  total: Money.fromJSON(fields.total),
});

/** Legacy `COMMANDES` and its child tables into the orders context: what one legacy transaction wrote of a order, one command (ADR 0031). */
export const LegacyOrdersSyncModule = LegacySyncModule.forTables({
  service: 'orders-service',
  tables: [
    ORDERS_LEGACY_COMMANDES,
    { capture: ORDERS_LEGACY_LIGNES_COMMANDE, parent: ORDERS_LEGACY_COMMANDES, parentKeyOf: (row) => row.NO_COMMANDE },
  ],
  readEnd: readTransactionEnd,
  name: 'orders',
  keyMap: { table: 'legacy_order_keys', keyType: 'text' },
  buffer: { changes: 'legacy_order_tx_changes', ends: 'legacy_order_tx_ends' },
  aggregateIdOf: (key) => aggregateIdOfLegacy('COMMANDES', key),
  translate: (group) => ({
    value: {
      root: group.root && {
        deleted: group.root.deleted,
        fields: asDomain(translateOrdersLegacyCommandes(group.root.row)),
      },
      children: childRowsOf(group, childTranslators, aggregateIdOfLegacy),
    },
    // By hand: what the legacy orders contract needs of the row beyond the order (its legacy client, its date).
    kept: group.root && !group.root.deleted ? keptOfLegacyCommande(group.root.row) : null,
  }),
  command: (id, group, metadata) => new SyncOrderFromLegacyTablesCommand(id, group, metadata),
});
