import { Money, VatRate } from '@bascule/shared/ddd';

/** What billing keeps of an order from orders' events (never a personal field): its lines, prices and status. */
export interface KnownOrder {
  status: string;
  lines: readonly KnownOrderLine[];
}

export interface KnownOrderLine {
  orderLineId: string;
  sku: string;
  quantity: number;
  unitPrice: Money;
  /** The rate the client was charged at (ADR 0068); absent on an order placed before OrderPlaced carried it. */
  vatRate?: VatRate;
}

export interface KnownOrders {
  /** The order as billing learned it, undefined when no event of it has arrived. */
  get(orderId: string): Promise<KnownOrder | undefined>;
}

export const KNOWN_ORDERS = Symbol('KnownOrders');
