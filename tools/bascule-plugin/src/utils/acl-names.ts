/**
 * The anti-corruption layer's names of a legacy table as one context captures it: its module under the context's
 * folder (`./inventory/legacy-stock.capture` in `libs/anti-corruption/src`) and its exports prefixed by the context
 * (`InventoryLegacyStockRow`, `INVENTORY_LEGACY_STOCK`, `translateInventoryLegacyStock`). Several contexts capture one
 * table, each with its own reading of it ("migration by aspiration"): none overwrites or shadows another's (ADR 0044).
 */
export function aclNames(
  n: { context: string; Context: string; CONTEXT: string },
  table: { Table: string; TABLE: string; tableFile: string },
) {
  return {
    /** The prefix of its types and translator: `<Name>Row`, `<Name>Fields`, `translate<Name>`. */
    Name: `${n.Context}Legacy${table.Table}`,
    CAPTURE: aclCapture(n, table.TABLE),
    module: `./${n.context}/legacy-${table.tableFile}.capture`,
  };
}

/** The captured table's reader in the ACL (`INVENTORY_LEGACY_STOCK`). */
export const aclCapture = (n: { CONTEXT: string }, TABLE: string) => `${n.CONTEXT}_LEGACY_${TABLE}`;
