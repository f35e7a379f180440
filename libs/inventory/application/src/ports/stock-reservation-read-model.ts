import { StockReservationStatus } from '@bascule/inventory/domain';

export interface StockReservationLineView {
  id: string;
  sku: string;
  quantity: number;
}

export interface StockReservationView {
  id: string;
  version: number;
  status: StockReservationStatus;
  stockReservationLines: StockReservationLineView[];
  createdAt: string;
  updatedAt: string;
}

export interface StockReservationPage {
  items: StockReservationView[];
  nextCursor: string | null;
}

export interface StockReservationReadModel {
  get(id: string): Promise<StockReservationView | undefined>;
  /** Oldest first, `limit` at a time, after the one `cursor` names. */
  list(filter: { cursor?: string; limit: number }): Promise<StockReservationPage>;
}

export const STOCK_RESERVATION_READ_MODEL = Symbol('StockReservationReadModel');
