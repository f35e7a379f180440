import {
  ReserveStockRefusedV1,
  ReleaseStockV1,
  ReleaseStockSucceededV1,
  ReserveStockSucceededV1,
  ReserveStockV1,
  ReleaseStockRefusedV1,
} from '@bascule/inventory/contracts';
import {
  AuthorizePaymentRefusedV1,
  AuthorizePaymentSucceededV1,
  AuthorizePaymentV1,
  CapturePaymentRefusedV1,
  CapturePaymentSucceededV1,
  CapturePaymentV1,
  VoidPaymentRefusedV1,
  VoidPaymentSucceededV1,
  VoidPaymentV1,
} from '@bascule/payment/contracts';
import {
  ConfirmOrderRefusedV1,
  ConfirmOrderSucceededV1,
  ConfirmOrderV1,
  RejectOrderRefusedV1,
  RejectOrderSucceededV1,
  RejectOrderV1,
} from '@bascule/orders/contracts';
import { IssueInvoiceRefusedV1, IssueInvoiceSucceededV1, IssueInvoiceV1 } from '@bascule/billing/contracts';
import { compensatable, defineSaga, pivot, refused, retriable, succeeded } from '@bascule/saga';
import { chargedOf, NOT_COMPLETED, PlaceOrderData } from './place-order-data';
import { orderSagaPolicies as policy } from '../order-saga-policies';

export const PLACE_ORDER_SAGA = 'orders.place-order';

/** A refusal of a forward step: the order will be rejected for that reason. */
const rejectedFor = (d: PlaceOrderData, reason: string) => refused(reason, { ...d, rejection: d.rejection ?? reason });
/** A refusal of a compensation: the saga stops needing attention (ADR 0055); the reason says what refused. */
const stuck = (_: PlaceOrderData, reply: { reason: string }) => refused<PlaceOrderData>(reply.reason);

/**
 * PlaceOrder (issue 15, ADR 0063): reject the order (compensation only) → reserve the stock (released on the way
 * back) → authorize the payment (voided on the way back) → confirm the order → capture the payment, the pivot →
 * issue the invoice, retried until it succeeds. A refusal or a step unanswered after its retries undoes the steps
 * before it, in reverse, ending with the order rejected; after the capture the saga only goes forward.
 */
export const placeOrderSaga = defineSaga<PlaceOrderData>(
  PLACE_ORDER_SAGA,
  (saga) => [
    compensatable('reject-order', {
      compensate: saga
        .participant(RejectOrderV1, (d) => ({ orderId: d.orderId, reason: d.rejection ?? NOT_COMPLETED }))
        .onReply(RejectOrderSucceededV1)
        .onReply(RejectOrderRefusedV1, stuck)
        .withTimeout(policy.orders.timeoutMs)
        .withRetry(policy.compensation),
    }),
    compensatable('reserve-stock', {
      invoke: saga
        .participant(ReserveStockV1, (d) => ({ orderId: d.orderId, lines: d.lines }))
        .onReply(ReserveStockSucceededV1)
        .onReply(ReserveStockRefusedV1, (d, r) => rejectedFor(d, r.reason))
        .withTimeout(policy.inventory.timeoutMs)
        .withRetry(policy.inventory.retry),
      compensate: saga
        .participant(ReleaseStockV1, (d) => ({ orderId: d.orderId }))
        .onReply(ReleaseStockSucceededV1)
        .onReply(ReleaseStockRefusedV1, stuck)
        .withTimeout(policy.inventory.timeoutMs)
        .withRetry(policy.compensation),
    }),
    compensatable('authorize-payment', {
      invoke: saga
        .participant(AuthorizePaymentV1, (d) => {
          if (!d.token) throw new Error('no card token to authorize');
          const { amount, currency } = chargedOf(d);
          return { orderId: d.orderId, amount, currency, token: d.token };
        })
        .onReply(AuthorizePaymentSucceededV1, (d) => succeeded({ ...d, token: undefined }))
        .onReply(AuthorizePaymentRefusedV1, (d, r) => rejectedFor(d, r.reason))
        .withTimeout(policy.payment.timeoutMs)
        .withRetry(policy.payment.retry),
      compensate: saga
        .participant(VoidPaymentV1, (d) => ({ orderId: d.orderId }))
        .onReply(VoidPaymentSucceededV1)
        .onReply(VoidPaymentRefusedV1, stuck)
        .withTimeout(policy.payment.timeoutMs)
        .withRetry(policy.compensation),
    }),
    // No compensation of its own: a confirmed order whose capture fails is rejected by the first step's.
    compensatable('confirm-order', {
      invoke: saga
        .participant(ConfirmOrderV1, (d) => ({ orderId: d.orderId }))
        .onReply(ConfirmOrderSucceededV1)
        .onReply(ConfirmOrderRefusedV1, (d, r) => rejectedFor(d, r.reason))
        .withTimeout(policy.orders.timeoutMs)
        .withRetry(policy.orders.retry),
    }),
    pivot('capture-payment', {
      invoke: saga
        .participant(CapturePaymentV1, (d) => ({ orderId: d.orderId }))
        .onReply(CapturePaymentSucceededV1)
        .onReply(CapturePaymentRefusedV1, (d, r) => rejectedFor(d, r.reason))
        .withTimeout(policy.payment.timeoutMs)
        .withRetry(policy.capture),
    }),
    retriable('issue-invoice', {
      invoke: saga
        .participant(IssueInvoiceV1, (d) => ({ orderId: d.orderId }))
        .onReply(IssueInvoiceSucceededV1)
        .onReply(IssueInvoiceRefusedV1, (_, r) => refused(r.reason))
        .withTimeout(policy.billing.timeoutMs)
        .withRetry(policy.afterPivot),
    }),
  ],
  policy.defaults,
);
