/**
 * The placed orders waiting for their saga (PENDING), and how many may (ADR 0069). The count may be a moment old: the
 * limit is a soft one, a burst overshoots it by the orders placed within that moment.
 */
export interface OrderBacklog {
  readonly limit: number;
  pending(): Promise<number>;
}

export const ORDER_BACKLOG = Symbol('OrderBacklog');
