import { PayloadOf } from '@bascule/shared/contracts';
import { OrderCancellationRequestedV1 } from '@bascule/orders/contracts';

/** What the cancellation saga keeps: the order, why it is cancelled, the amount refunded (shown by the API). */
export interface CancelOrderData {
  orderId: string;
  reason: string;
  total: { amount: number; currency: string };
  /** What was paid, VAT included (ADR 0068): payment refunds what it captured; absent for an older order. */
  totalInclVat?: { amount: number; currency: string };
}

export function cancelOrderData(requested: PayloadOf<typeof OrderCancellationRequestedV1>): CancelOrderData {
  const { orderId, reason, total, totalInclVat } = requested;
  return {
    orderId,
    reason,
    total: { amount: total.amount, currency: total.currency },
    ...(totalInclVat ? { totalInclVat: { amount: totalInclVat.amount, currency: totalInclVat.currency } } : {}),
  };
}
