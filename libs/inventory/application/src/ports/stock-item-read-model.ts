import { MoneyJson } from '@bascule/shared/contracts';

export interface StockItemView {
  id: string;
  version: number;
  sku: string;
  label: string;
  unitPrice: MoneyJson;
  /** The French VAT rate in basis points (2000 = 20 %). */
  vatRate: number;
  onHand: number;
  reserved: number;
  /** On hand − reserved, never negative. */
  available: number;
  createdAt: string;
  updatedAt: string;
}

export interface StockItemPage {
  items: StockItemView[];
  nextCursor: string | null;
}

export interface StockItemReadModel {
  get(id: string): Promise<StockItemView | undefined>;
  /** Oldest first, `limit` at a time, after the one `cursor` names. */
  list(filter: { cursor?: string; limit: number }): Promise<StockItemPage>;
}

export const STOCK_ITEM_READ_MODEL = Symbol('StockItemReadModel');
