import { ReleaseStockRefusedV1, ReleaseStockSucceededV1, ReleaseStockV1 } from '@bascule/inventory/contracts';
import { RefundPaymentRefusedV1, RefundPaymentSucceededV1, RefundPaymentV1 } from '@bascule/payment/contracts';
import { CancelOrderRefusedV1, CancelOrderSucceededV1, CancelOrderV1 } from '@bascule/orders/contracts';
import { IssueCreditNoteRefusedV1, IssueCreditNoteSucceededV1, IssueCreditNoteV1 } from '@bascule/billing/contracts';
import { defineSaga, pivot, refused, retriable } from '@bascule/saga';
import { orderSagaPolicies as policy } from '../order-saga-policies';
import { CancelOrderData } from './cancel-order-data';

export const CANCEL_ORDER_SAGA = 'orders.cancel-order';

const refusal = (_: CancelOrderData, reply: { reason: string }) => refused<CancelOrderData>(reply.reason);

/**
 * The cancellation of a CONFIRMED order (issue 15, ADR 0064): a saga that only moves forward, in the engine's
 * words a pivot first and retriable steps after it. The orders context made the go already (the order CANCELLING,
 * ADR 0059), so the pivot is the money: the refund. Refused, nothing was done and there is nothing to undo: the saga
 * ends COMPENSATED with the refusal in its history, the order still CANCELLING. Refunded, the credit note, the
 * stock's release and the order CANCELLED are each retried until they succeed; a refusal of one stops the saga for
 * an admin (NEEDS_ATTENTION), never silently.
 */
export const cancelOrderSaga = defineSaga<CancelOrderData>(
  CANCEL_ORDER_SAGA,
  (saga) => [
    pivot('refund-payment', {
      invoke: saga
        .participant(RefundPaymentV1, (d) => ({ orderId: d.orderId }))
        .onReply(RefundPaymentSucceededV1)
        .onReply(RefundPaymentRefusedV1, refusal)
        .withTimeout(policy.payment.timeoutMs)
        .withRetry(policy.cancellation),
    }),
    retriable('issue-credit-note', {
      invoke: saga
        .participant(IssueCreditNoteV1, (d) => ({ orderId: d.orderId, reason: d.reason }))
        .onReply(IssueCreditNoteSucceededV1)
        .onReply(IssueCreditNoteRefusedV1, refusal)
        .withTimeout(policy.billing.timeoutMs)
        .withRetry(policy.afterPivot),
    }),
    retriable('release-stock', {
      invoke: saga
        .participant(ReleaseStockV1, (d) => ({ orderId: d.orderId }))
        .onReply(ReleaseStockSucceededV1)
        .onReply(ReleaseStockRefusedV1, refusal)
        .withTimeout(policy.inventory.timeoutMs)
        .withRetry(policy.afterPivot),
    }),
    retriable('cancel-order', {
      invoke: saga
        .participant(CancelOrderV1, (d) => ({ orderId: d.orderId, reason: d.reason }))
        .onReply(CancelOrderSucceededV1)
        .onReply(CancelOrderRefusedV1, refusal)
        .withTimeout(policy.orders.timeoutMs)
        .withRetry(policy.afterPivot),
    }),
  ],
  policy.defaults,
);
