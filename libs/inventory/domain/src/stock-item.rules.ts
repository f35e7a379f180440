import { assertFrenchVatRate, InvalidValueError } from '@bascule/shared/ddd';
import { StockItemInsufficientStock, StockItemNotReserved } from './stock-item.errors';

/** The invariants of a stock item, each named; the aggregate checks them before every change. */
export const StockItemRules = {
  /** On hand and reserved count units: whole numbers, never negative. */
  countsUnits(field: string, value: number): void {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new InvalidValueError(field, `${field} must be a whole number of units, not negative`);
  },

  /** A movement (restock, reservation, release, shipment) moves at least one unit. */
  movesUnits(field: string, value: number): void {
    if (!Number.isSafeInteger(value) || value < 1) throw new InvalidValueError(field, `${field} must be at least 1`);
  },

  /** available = on hand − reserved never goes below zero: what takes units takes at most what is available. */
  availableNeverNegative(sku: string, available: number, taken: number): void {
    if (taken > available) throw new StockItemInsufficientStock(sku, taken, available);
  },

  /** A sku is taxed at one of the French VAT rates (20 %, 10 %, 5.5 %, 2.1 %, in basis points). */
  taxedAtAFrenchRate(vatRate: number): void {
    assertFrenchVatRate(vatRate, 'vatRate');
  },

  /** Only what was reserved is released or shipped. */
  releasesOnlyReserved(sku: string, reserved: number, released: number): void {
    if (released > reserved) throw new StockItemNotReserved(sku, released, reserved);
  },
};
