import { randomUUID } from 'node:crypto';
import { ReleaseStockSucceededV1 } from '@bascule/inventory/contracts';
import { RefundPaymentRefusedV1, RefundPaymentSucceededV1 } from '@bascule/payment/contracts';
import { CancelOrderRefusedV1, CancelOrderSucceededV1 } from '@bascule/orders/contracts';
import { IssueCreditNoteRefusedV1, IssueCreditNoteSucceededV1 } from '@bascule/billing/contracts';
import { sagaReply } from '@bascule/saga';
import { SagaTestKit } from '@bascule/saga/testing';
import { orderSagaId } from '../saga-ids';
import { anOrderCancellationRequested, done, refusal } from '../testing/order-saga-fixtures';
import { CancelOrderData, cancelOrderData } from './cancel-order-data';
import { CANCEL_ORDER_SAGA, cancelOrderSaga } from './cancel-order.saga';

const REFUND = 'payment.refund-payment';
const CREDIT = 'billing.issue-credit-note';
const RELEASE = 'inventory.release-stock';
const CANCEL = 'orders.cancel-order';

describe('the cancellation saga of a confirmed order, on virtual time', () => {
  let kit: SagaTestKit<CancelOrderData>;
  let requested: ReturnType<typeof anOrderCancellationRequested>;

  beforeEach(() => {
    kit = new SagaTestKit(cancelOrderSaga);
    requested = anOrderCancellationRequested();
    kit.start(cancelOrderData(requested), {
      sagaId: orderSagaId(CANCEL_ORDER_SAGA, requested.orderId),
      correlationId: 'corr-cancel',
    });
  });

  it('refunds the payment, issues the credit note, releases the stock, then cancels the order', () => {
    const { orderId, reason } = requested;
    const [refund] = kit.expectCommands(REFUND);
    expect(refund.payload).toEqual({ orderId });
    const [credit] = kit.reply(RefundPaymentSucceededV1, done()).expectCommands(CREDIT);
    expect(credit.payload).toEqual({ orderId, reason });
    const [release] = kit.reply(IssueCreditNoteSucceededV1, done()).expectCommands(RELEASE);
    expect(release.payload).toEqual({ orderId });
    const [cancel] = kit.reply(ReleaseStockSucceededV1, done()).expectCommands(CANCEL);
    expect(cancel.payload).toEqual({ orderId, reason });
    kit.reply(CancelOrderSucceededV1, done()).expectNoCommand().expectStatus('COMPLETED');
    for (const command of [refund, credit, release, cancel])
      expect(command).toMatchObject({ aggregateId: kit.state.id, correlationId: 'corr-cancel' });
  });

  it('the refund refused (the pivot): nothing was done and nothing is undone, the refusal in its history', () => {
    kit.expectCommands(REFUND);
    kit.reply(RefundPaymentRefusedV1, refusal('PAYMENT.NOT_CAPTURED')).expectNoCommand().expectStatus('COMPENSATED');
    expect(kit.state.history.find((h) => h.event === 'refused')?.detail).toBe('PAYMENT.NOT_CAPTURED');
  });

  it('once refunded it only goes forward: a credit note never answered is sent again for ever, never undone', () => {
    kit.expectCommands(REFUND);
    kit.reply(RefundPaymentSucceededV1, done()).expectCommands(CREDIT);
    kit.advance(3_600_000);
    const resent = kit.takeCommands();
    expect(resent.length).toBeGreaterThan(30);
    expect(new Set(resent.map((c) => c.type))).toEqual(new Set([CREDIT]));
    kit.expectStatus('RUNNING');
    // Each is the same command again (ADR 0055): billing issues one credit note, whichever copy it answers.
    expect(new Set(resent.map((c) => c.id)).size).toBe(1);
    kit.reply(IssueCreditNoteSucceededV1, done(), resent[0]).expectCommands(RELEASE);
  });

  it('a step after the refund refused stops the saga for an admin: retried, never compensated', () => {
    kit.expectCommands(REFUND);
    kit.reply(RefundPaymentSucceededV1, done()).expectCommands(CREDIT);
    kit.reply(IssueCreditNoteRefusedV1, refusal('BILLING.NO_INVOICE')).expectStatus('NEEDS_ATTENTION');
    expect(kit.state.attentionReason).toBe('issue-credit-note refused after the pivot: BILLING.NO_INVOICE');
    expect(() => kit.adminCompensate()).toThrow(expect.objectContaining({ code: 'SAGA.NOT_COMPENSATABLE' }));
    kit.adminRetry().expectCommands(CREDIT);
    kit.reply(IssueCreditNoteSucceededV1, done()).expectCommands(RELEASE);
    kit.reply(ReleaseStockSucceededV1, done()).expectCommands(CANCEL);
    kit.reply(CancelOrderRefusedV1, refusal('ORDER.INVALID_STATE')).expectStatus('NEEDS_ATTENTION');
  });

  it('the refund unanswered is asked again for long before the saga gives up (its outcome is unknown)', () => {
    kit.expectCommands(REFUND);
    kit.advance(10 * 60_000);
    expect(kit.takeCommands().length).toBeGreaterThanOrEqual(10);
    kit.expectStatus('RUNNING');
    kit.advance(60 * 60_000).expectStatus('COMPENSATED');
  });

  it('duplicated and reordered replies change nothing', () => {
    const [refund] = kit.expectCommands(REFUND);
    const refunded = sagaReply(refund, RefundPaymentSucceededV1, done(), { id: randomUUID(), occurredAt: 'x' });
    kit.deliver(refunded).expectCommands(CREDIT);
    const after = kit.state;
    kit.deliver(refunded).reply(RefundPaymentRefusedV1, refusal('PAYMENT.NOT_CAPTURED'), refund).expectNoCommand();
    expect(kit.state).toEqual(after);
  });
});
