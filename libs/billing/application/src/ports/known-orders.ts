import { Money } from '@bascule/shared/ddd';

/** What billing keeps of an order from orders' events (never a personal field): its lines, prices and status. */
export interface KnownOrder {
  status: string;
  lines: readonly { orderLineId: string; sku: string; quantity: number; unitPrice: Money }[];
}

export interface KnownOrders {
  /** The order as billing learned it, undefined when no event of it has arrived. */
  get(orderId: string): Promise<KnownOrder | undefined>;
}

export const KNOWN_ORDERS = Symbol('KnownOrders');
