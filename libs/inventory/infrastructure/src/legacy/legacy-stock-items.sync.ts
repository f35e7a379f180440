import {
  aggregateIdOfLegacy,
  INVENTORY_LEGACY_STOCK,
  InventoryLegacyStockFields,
  keptOfLegacyStock,
  legacyStockDefects,
  readTransactionEnd,
  translateInventoryLegacyStock,
} from '@bascule/anti-corruption';
import {
  LegacyStockItemFields,
  LegacyStockItemGroup,
  SyncStockItemFromLegacyTablesCommand,
} from '@bascule/inventory/application';
import { StockItemId } from '@bascule/inventory/domain';
import { Money } from '@bascule/shared/ddd';
import { childRowsOf, LegacySyncModule } from '@bascule/shared/legacy-sync';

/** How each child table's rows become fields of a stock item's children (`nx g @bascule/plugin:legacy-table <TABLE> --parent STOCK`). */
const childTranslators = {};

/** The ACL's amounts (JSON, minor units) as the domain's Money. */
const asDomain = (fields: InventoryLegacyStockFields): LegacyStockItemFields => ({
  ...fields,
  unitPrice: Money.fromJSON(fields.unitPrice),
});

/** Legacy `STOCK` and its child tables into the inventory context: what one legacy transaction wrote of a stock item, one command (ADR 0031). */
export const LegacyStockItemsSyncModule = LegacySyncModule.forTables<LegacyStockItemGroup>({
  service: 'inventory-service',
  tables: [INVENTORY_LEGACY_STOCK],
  readEnd: readTransactionEnd,
  name: 'stock-items',
  keyMap: { table: 'legacy_stock_item_keys', keyType: 'text' },
  buffer: { changes: 'legacy_stock_item_tx_changes', ends: 'legacy_stock_item_tx_ends' },
  // By hand: a STOCK row is the stock item of its sku (REF_ARTICLE), the one REST and reservations know (ADR 0040).
  aggregateIdOf: (key) => StockItemId.forSku(String(key)).value,
  // By hand (ADR 0045): a row no reading can take is quarantined with its reasons; the NULLs the legacy contract shows
  // are kept on its key.
  translate: (group) => {
    const defects = group.root && !group.root.deleted ? legacyStockDefects(group.root.row) : [];
    if (defects.length > 0) return { quarantine: defects };
    return {
      value: {
        root: group.root && {
          deleted: group.root.deleted,
          fields: asDomain(translateInventoryLegacyStock(group.root.row)),
        },
        children: childRowsOf(group, childTranslators, aggregateIdOfLegacy),
      },
      kept: group.root && !group.root.deleted ? keptOfLegacyStock(group.root.row) : null,
    };
  },
  command: (id, group, metadata) => new SyncStockItemFromLegacyTablesCommand(id, group, metadata),
});
