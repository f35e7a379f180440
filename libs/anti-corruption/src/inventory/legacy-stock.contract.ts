import { MoneyJson } from '@bascule/shared/contracts';
import { capturedMoney } from '../debezium/debezium-decimal';
import { InventoryLegacyStockRow } from './legacy-stock.capture';

/**
 * What no reading of a `STOCK` row can take (ADR 0045): a negative quantity or price, a price finer than the cent.
 * Each defect is a reason of the row's quarantine; a row without any is a state legacy holds, and is synced.
 */
export function legacyStockDefects(row: InventoryLegacyStockRow): string[] {
  const defects: string[] = [];
  if (row.QTE_DISPO < 0) defects.push('QTE_DISPO is negative');
  if ((row.QTE_RESERVEE ?? 0) < 0) defects.push('QTE_RESERVEE is negative');
  if (row.PRIX !== null) {
    try {
      if (capturedMoney('PRIX', row.PRIX, 'EUR').amount < 0) defects.push('PRIX is negative');
    } catch (error) {
      defects.push((error as Error).message);
    }
  }
  return defects;
}

/** The columns of a `STOCK` row whose NULL the legacy contract shows and a stock item cannot hold (`QTE_RESERVEE` NULL is 0). */
export interface LegacyStockKept {
  LIBELLE: string | null;
  QTE_RESERVEE: number | null;
  PRIX: string | null;
}

export const keptOfLegacyStock = (row: InventoryLegacyStockRow): LegacyStockKept => ({
  LIBELLE: row.LIBELLE,
  QTE_RESERVEE: row.QTE_RESERVEE,
  PRIX: row.PRIX,
});

/** What inventory holds of a stock item, as the legacy contract needs it. */
export interface CloudStockItem {
  sku: string;
  label: string;
  unitPrice: MoneyJson;
  onHand: number;
  reserved: number;
}

/** The legacy API's article (`GET /api/stock/{refArticle}` of apps/legacy-monolith), field for field. */
export interface LegacyStockJson {
  refArticle: string;
  libelle: string | null;
  qteDispo: number;
  qteReservee: number | null;
  prix: string | null;
}

/** The legacy API's answer for an article it does not have, body for body. */
export const LEGACY_STOCK_NOT_FOUND = { codeErreur: 'STK-404', libelle: 'Article inexistant' } as const;

/** Minor units as the legacy `numeric(10, 2)` prints them (`1250` → `'12.50'`). */
const decimalOf = (amount: number) => {
  const digits = String(Math.abs(amount)).padStart(3, '0');
  return `${amount < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
};

/**
 * Stock item → legacy article (ADR 0045): `qteDispo` is what is available (on hand − reserved), `qteReservee` what
 * is reserved. A column legacy wrote NULL shows NULL while the stock item still holds what that NULL means (no
 * label, nothing reserved, no price), and the stock item's value once it changed.
 */
export function renderLegacyStock(item: CloudStockItem, legacy: LegacyStockKept | null): LegacyStockJson {
  const stillNull = <T>(column: keyof LegacyStockKept, meaning: boolean, value: T) =>
    legacy?.[column] === null && meaning ? null : value;
  return {
    refArticle: item.sku,
    libelle: stillNull('LIBELLE', item.label === '', item.label),
    qteDispo: item.onHand - item.reserved,
    qteReservee: stillNull('QTE_RESERVEE', item.reserved === 0, item.reserved),
    prix: stillNull('PRIX', item.unitPrice.amount === 0, decimalOf(item.unitPrice.amount)),
  };
}

/** The legacy stock contract served from the inventory context (what the strangler gateway calls). */
export interface LegacyStockContract {
  get(refArticle: string): Promise<LegacyStockJson | undefined>;
}

export const LEGACY_STOCK_CONTRACT = Symbol('LegacyStockContract');
