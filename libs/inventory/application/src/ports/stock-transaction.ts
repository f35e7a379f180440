/** What a change of several aggregates at once locks first, in this order: its reservation, then its stock items. */
export interface StockLocks {
  stockReservationId?: string;
  stockItemIds: string[];
}

/**
 * One transaction for a change that moves stock on several aggregates (a reservation and its stock items): the
 * rows named are locked first, always in the same order, so concurrent reservations of one sku queue instead of
 * failing on the version, and nothing is saved unless everything is.
 */
export interface StockTransaction {
  run<T>(locks: StockLocks, work: () => Promise<T>): Promise<T>;
}

export const STOCK_TRANSACTION = Symbol('StockTransaction');
