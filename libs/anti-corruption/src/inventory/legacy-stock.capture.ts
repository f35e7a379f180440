import { MoneyJson } from '@bascule/shared/contracts';
import { capturedMoney } from '../debezium/debezium-decimal';
import { debeziumTable, textKey } from '../debezium/debezium-table';

/** A `STOCK` row as Debezium sends it to the inventory context (JSON; the connector's settings in tools/infra/connect/legacy-connector.json). */
export interface InventoryLegacyStockRow extends Record<string, unknown> {
  /** `varchar(20)`: text. */
  REF_ARTICLE: string;
  /** `varchar(120)`: text. */
  LIBELLE: string | null;
  /** `integer`: an integer. */
  QTE_DISPO: number;
  /** `integer`: an integer. */
  QTE_RESERVEE: number | null;
  /** `numeric(10, 2)`: the decimal as text (exact). */
  PRIX: string | null;
}

/** `STOCK` as captured, keyed by REF_ARTICLE. */
export const INVENTORY_LEGACY_STOCK = debeziumTable<InventoryLegacyStockRow, string>('STOCK', textKey('REF_ARTICLE'));

/** What the inventory context's StockItem holds of a `STOCK` row; the domain validates it when applied. */
export interface InventoryLegacyStockFields {
  sku: string;
  label: string;
  unitPrice: MoneyJson;
  onHand: number;
  reserved: number;
}

/**
 * A `STOCK` row → the StockItem's fields. A skeleton to grow with the model.
 * Quarantine (in the group's translation) only rows that are corrupt, never a state the legacy system holds.
 * By hand (ADR 0045): `QTE_DISPO` is what is free to sell, so on hand is it plus what `QTE_RESERVEE` holds back.
 */
export function translateInventoryLegacyStock(row: InventoryLegacyStockRow): InventoryLegacyStockFields {
  return {
    sku: row.REF_ARTICLE,
    label: row.LIBELLE ?? '',
    unitPrice: capturedMoney('PRIX', row.PRIX ?? '0', 'EUR'),
    onHand: row.QTE_DISPO + (row.QTE_RESERVEE ?? 0),
    reserved: row.QTE_RESERVEE ?? 0,
  };
}
