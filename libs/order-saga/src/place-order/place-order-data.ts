import { PayloadOf } from '@bascule/shared/contracts';
import { OrderPlacedV1 } from '@bascule/orders/contracts';

/** What the PlaceOrder saga keeps between its steps (the `data` of its row). */
export interface PlaceOrderData {
  orderId: string;
  lines: { sku: string; quantity: number }[];
  total: { amount: number; currency: string };
  /**
   * What the client pays, VAT included: the amount authorized and captured, the invoice's total (ADR 0068). Absent
   * for an order placed before OrderPlaced carried it (and in a saga started before): its total is charged.
   */
  totalInclVat?: { amount: number; currency: string };
  /** The card token to authorize; dropped once the payment is authorized (nothing keeps it longer than needed). */
  token?: string;
  /** Why the order is rejected: the refusal that sent the saga back (stock short, card declined, …). */
  rejection?: string;
}

/** The amount the payment is authorized for (and captured at). */
export const chargedOf = (data: PlaceOrderData) => data.totalInclVat ?? data.total;

/** The reason a rejection gives when no participant refused: a step unanswered after its retries, or an admin's call. */
export const NOT_COMPLETED = 'ORDER_SAGA.NOT_COMPLETED';

/** The saga's data from the event that starts it: only what its commands need. */
export function placeOrderData(placed: PayloadOf<typeof OrderPlacedV1>): PlaceOrderData {
  return {
    orderId: placed.orderId,
    lines: placed.lines.map(({ sku, quantity }) => ({ sku, quantity })),
    total: { amount: placed.total.amount, currency: placed.total.currency },
    ...(placed.totalInclVat
      ? { totalInclVat: { amount: placed.totalInclVat.amount, currency: placed.totalInclVat.currency } }
      : {}),
    token: placed.payment.token,
  };
}
