import { randomUUID } from 'node:crypto';
import {
  ReleaseStockRefusedV1,
  ReleaseStockSucceededV1,
  ReserveStockRefusedV1,
  ReserveStockSucceededV1,
} from '@bascule/inventory/contracts';
import {
  AuthorizePaymentRefusedV1,
  AuthorizePaymentSucceededV1,
  CapturePaymentRefusedV1,
  CapturePaymentSucceededV1,
  VoidPaymentSucceededV1,
} from '@bascule/payment/contracts';
import { ConfirmOrderRefusedV1, ConfirmOrderSucceededV1, RejectOrderSucceededV1 } from '@bascule/orders/contracts';
import { IssueInvoiceRefusedV1, IssueInvoiceSucceededV1 } from '@bascule/billing/contracts';
import { sagaReply } from '@bascule/saga';
import { SagaTestKit } from '@bascule/saga/testing';
import { orderSagaId } from '../saga-ids';
import { anOrderPlaced, done, refusal } from '../testing/order-saga-fixtures';
import { NOT_COMPLETED, PlaceOrderData, placeOrderData } from './place-order-data';
import { PLACE_ORDER_SAGA, placeOrderSaga } from './place-order.saga';

const RESERVE = 'inventory.reserve-stock';
const RELEASE = 'inventory.release-stock';
const AUTHORIZE = 'payment.authorize-payment';
const CAPTURE = 'payment.capture-payment';
const VOID = 'payment.void-payment';
const CONFIRM = 'orders.confirm-order';
const REJECT = 'orders.reject-order';
const INVOICE = 'billing.issue-invoice';

describe('the PlaceOrder saga, on virtual time', () => {
  let kit: SagaTestKit<PlaceOrderData>;
  let placed: ReturnType<typeof anOrderPlaced>;
  const correlationId = 'corr-place-order';

  beforeEach(() => {
    kit = new SagaTestKit(placeOrderSaga);
    placed = anOrderPlaced();
    kit.start(placeOrderData(placed), { sagaId: orderSagaId(PLACE_ORDER_SAGA, placed.orderId), correlationId });
  });

  /** Reserved, authorized, confirmed: the saga waits on the capture. */
  const upToCapture = () => {
    kit.expectCommands(RESERVE);
    kit.reply(ReserveStockSucceededV1, done()).expectCommands(AUTHORIZE);
    kit.reply(AuthorizePaymentSucceededV1, done()).expectCommands(CONFIRM);
    kit.reply(ConfirmOrderSucceededV1, done()).expectCommands(CAPTURE);
  };

  it('goes through: stock reserved, payment authorized, order confirmed, payment captured, invoice issued', () => {
    const [reserve] = kit.expectCommands(RESERVE);
    expect(reserve.payload).toEqual({
      orderId: placed.orderId,
      lines: [
        { sku: 'CUP-6', quantity: 2 },
        { sku: 'SAUCER', quantity: 1 },
      ],
    });
    const [authorize] = kit.reply(ReserveStockSucceededV1, done()).expectCommands(AUTHORIZE);
    // What the client pays, VAT included: the amount the invoice will total (ADR 0068).
    expect(authorize.payload).toEqual({ orderId: placed.orderId, amount: 3600, currency: 'EUR', token: 'tok_visa' });
    const [confirm] = kit.reply(AuthorizePaymentSucceededV1, done()).expectCommands(CONFIRM);
    expect(kit.state.data.token).toBeUndefined();
    const [capture] = kit.reply(ConfirmOrderSucceededV1, done()).expectCommands(CAPTURE);
    const [invoice] = kit.reply(CapturePaymentSucceededV1, done()).expectCommands(INVOICE);
    kit.reply(IssueInvoiceSucceededV1, done()).expectNoCommand().expectStatus('COMPLETED');
    for (const command of [reserve, authorize, confirm, capture, invoice]) {
      expect(command).toMatchObject({ aggregateId: kit.state.id, correlationId, aggregateType: 'saga' });
      if (command !== reserve && command !== authorize) expect(command.payload).toEqual({ orderId: placed.orderId });
    }
  });

  it('authorizes the total of an order placed before OrderPlaced carried its total VAT included', () => {
    const { totalInclVat: _, ...older } = anOrderPlaced();
    const olderKit = new SagaTestKit(placeOrderSaga);
    olderKit.start(placeOrderData(older), { sagaId: orderSagaId(PLACE_ORDER_SAGA, older.orderId), correlationId });
    olderKit.expectCommands(RESERVE);
    const [authorize] = olderKit.reply(ReserveStockSucceededV1, done()).expectCommands(AUTHORIZE);
    expect(authorize.payload).toMatchObject({ amount: 3000, currency: 'EUR' });
  });

  it('stock refused: the order is rejected with the reason, nothing else is undone', () => {
    kit.expectCommands(RESERVE);
    const [reject] = kit
      .reply(ReserveStockRefusedV1, {
        ...refusal('INSUFFICIENT_STOCK'),
        shortLines: [{ sku: 'CUP-6', requested: 2, available: 1 }],
      })
      .expectCommands(REJECT);
    expect(reject.payload).toEqual({ orderId: placed.orderId, reason: 'INSUFFICIENT_STOCK' });
    kit.reply(RejectOrderSucceededV1, done()).expectNoCommand().expectStatus('COMPENSATED');
  });

  it('payment declined: the stock is released, then the order rejected with the reason', () => {
    kit.expectCommands(RESERVE);
    kit.reply(ReserveStockSucceededV1, done()).expectCommands(AUTHORIZE);
    const [release] = kit.reply(AuthorizePaymentRefusedV1, refusal('PAYMENT.DECLINED')).expectCommands(RELEASE);
    expect(release.payload).toEqual({ orderId: placed.orderId });
    const [reject] = kit.reply(ReleaseStockSucceededV1, done()).expectCommands(REJECT);
    expect(reject.payload).toEqual({ orderId: placed.orderId, reason: 'PAYMENT.DECLINED' });
    kit.reply(RejectOrderSucceededV1, done()).expectStatus('COMPENSATED');
  });

  it('payment unanswered: sent three times 15 s apart with 2 s then 4 s between, then voided, released, rejected', () => {
    kit.expectCommands(RESERVE);
    kit.reply(ReserveStockSucceededV1, done()).expectCommands(AUTHORIZE);
    kit.advance(15_000).expectNoCommand();
    kit.advance(1_999).expectNoCommand();
    const [second] = kit.advance(1).expectCommands(AUTHORIZE);
    expect(second.payload).toMatchObject({ token: 'tok_visa' });
    kit.advance(15_000 + 3_999).expectNoCommand();
    kit.advance(1).expectCommands(AUTHORIZE);
    kit.advance(14_999).expectNoCommand();
    // Its outcome is unknown: its own compensation (void) runs first; the payment context voids nothing if none.
    kit.advance(1).expectCommands(VOID);
    kit.reply(VoidPaymentSucceededV1, done()).expectCommands(RELEASE);
    const [reject] = kit.reply(ReleaseStockSucceededV1, done()).expectCommands(REJECT);
    expect(reject.payload).toEqual({ orderId: placed.orderId, reason: NOT_COMPLETED });
    kit.reply(RejectOrderSucceededV1, done()).expectStatus('COMPENSATED');
    expect(kit.state.history.filter((h) => h.event === 'timed-out')).toHaveLength(3);
  });

  it('confirmation refused (the order was cancelled meanwhile): the payment is voided, the stock released', () => {
    kit.expectCommands(RESERVE);
    kit.reply(ReserveStockSucceededV1, done()).expectCommands(AUTHORIZE);
    kit.reply(AuthorizePaymentSucceededV1, done()).expectCommands(CONFIRM);
    kit.reply(ConfirmOrderRefusedV1, refusal('ORDER.NOT_PENDING')).expectCommands(VOID);
    kit.reply(VoidPaymentSucceededV1, done()).expectCommands(RELEASE);
    // The first step's compensation is still asked: on a cancelled order the orders context has nothing to undo.
    const [reject] = kit.reply(ReleaseStockSucceededV1, done()).expectCommands(REJECT);
    expect(reject.payload).toEqual({ orderId: placed.orderId, reason: 'ORDER.NOT_PENDING' });
    kit.reply(RejectOrderSucceededV1, done()).expectStatus('COMPENSATED');
  });

  it('capture failed: the authorization is voided, the stock released, the order rejected', () => {
    upToCapture();
    kit.reply(CapturePaymentRefusedV1, refusal('PAYMENT.AUTHORIZATION_EXPIRED')).expectCommands(VOID);
    kit.reply(VoidPaymentSucceededV1, done()).expectCommands(RELEASE);
    const [reject] = kit.reply(ReleaseStockSucceededV1, done()).expectCommands(REJECT);
    expect(reject.payload).toEqual({ orderId: placed.orderId, reason: 'PAYMENT.AUTHORIZATION_EXPIRED' });
    kit.reply(RejectOrderSucceededV1, done()).expectStatus('COMPENSATED');
  });

  it('a participant that never answers: the reservation is sent 6 times over a minute, then released and the order rejected', () => {
    kit.expectCommands(RESERVE);
    for (const backoff of [2_000, 4_000, 8_000, 10_000, 10_000]) {
      kit.advance(5_000 + backoff - 1).expectNoCommand();
      kit.advance(1).expectCommands(RESERVE);
    }
    kit.advance(4_999).expectNoCommand();
    kit.advance(1).expectCommands(RELEASE);
    expect(kit.state.status).toBe('COMPENSATING');
    // The release is unanswered too: sent again with its own, larger budget, then the saga stops for an admin.
    kit.advance(10 * 60_000);
    expect(kit.takeCommands().map((c) => c.type)).toEqual(Array(5).fill(RELEASE));
    kit.expectStatus('NEEDS_ATTENTION');
    expect(kit.state.attentionReason).toBe('compensation of reserve-stock got no reply after 6 attempts');
    kit.adminRetry().expectCommands(RELEASE);
    kit.reply(ReleaseStockSucceededV1, done()).expectCommands(REJECT);
    kit.reply(RejectOrderSucceededV1, done()).expectStatus('COMPENSATED');
  });

  it('after the capture the invoice is retried for ever, at most a minute apart, until billing answers', () => {
    upToCapture();
    kit.reply(CapturePaymentSucceededV1, done()).expectCommands(INVOICE);
    const sentAt = [kit.clock.now().getTime()];
    for (let minute = 0; minute < 60; minute++) {
      kit.advance(60_000);
      for (const command of kit.takeCommands()) {
        expect(command.type).toBe(INVOICE);
        sentAt.push(Date.parse(command.occurredAt));
      }
    }
    kit.expectStatus('RUNNING');
    expect(sentAt.length).toBeGreaterThan(50);
    const gaps = sentAt.slice(1).map((at, i) => at - sentAt[i]);
    expect(Math.max(...gaps)).toBe(5_000 + 60_000);
    kit.reply(IssueInvoiceSucceededV1, done()).expectStatus('COMPLETED');
  });

  it('after the capture an invoice refused stops the saga for an admin, who may retry it but not compensate', () => {
    upToCapture();
    kit.reply(CapturePaymentSucceededV1, done()).expectCommands(INVOICE);
    kit.reply(IssueInvoiceRefusedV1, refusal('BILLING.ORDER_UNKNOWN')).expectStatus('NEEDS_ATTENTION');
    expect(() => kit.adminCompensate()).toThrow(expect.objectContaining({ code: 'SAGA.NOT_COMPENSATABLE' }));
    kit.adminRetry().expectCommands(INVOICE);
    kit.reply(IssueInvoiceSucceededV1, done()).expectStatus('COMPLETED');
  });

  it('a duplicated reply, one to an earlier step and one to an earlier command change nothing', () => {
    const [reserve] = kit.expectCommands(RESERVE);
    const reserved = sagaReply(reserve, ReserveStockSucceededV1, done(), {
      id: randomUUID(),
      occurredAt: kit.clock.now().toISOString(),
    });
    kit.deliver(reserved).expectCommands(AUTHORIZE);
    const after = kit.state;
    kit
      .deliver(reserved)
      .deliver({ ...reserved, id: randomUUID() })
      .expectNoCommand();
    // A refusal of the earlier step, arriving late and out of order, changes nothing either.
    kit.reply(ReserveStockRefusedV1, refusal('INSUFFICIENT_STOCK'), reserve).expectNoCommand();
    expect(kit.state).toEqual(after);
  });

  it('a late reply to the first attempt of the step in flight is its answer; the second attempt’s reply then is stale', () => {
    kit.expectCommands(RESERVE);
    const [first] = kit.reply(ReserveStockSucceededV1, done()).expectCommands(AUTHORIZE);
    const [second] = kit.advance(15_000 + 2_000).expectCommands(AUTHORIZE);
    kit.reply(AuthorizePaymentSucceededV1, done(), first).expectCommands(CONFIRM);
    kit.reply(AuthorizePaymentRefusedV1, refusal('PAYMENT.DECLINED'), second).expectNoCommand();
    expect(kit.state.currentStep).toBe('confirm-order');
  });

  it('a compensation refused stops the saga needing attention, with the reason', () => {
    kit.expectCommands(RESERVE);
    kit.reply(ReserveStockSucceededV1, done()).expectCommands(AUTHORIZE);
    kit.reply(AuthorizePaymentRefusedV1, refusal('PAYMENT.DECLINED')).expectCommands(RELEASE);
    kit.reply(ReleaseStockRefusedV1, refusal('RESERVATION.COMMITTED')).expectStatus('NEEDS_ATTENTION');
    expect(kit.state.attentionReason).toBe('compensation of reserve-stock refused: RESERVATION.COMMITTED');
  });
});

describe('order saga ids', () => {
  it('are the same for the same order and saga, so a redelivered event starts nothing; other sagas differ', () => {
    const orderId = randomUUID();
    expect(orderSagaId(PLACE_ORDER_SAGA, orderId)).toBe(orderSagaId(PLACE_ORDER_SAGA, orderId));
    expect(orderSagaId(PLACE_ORDER_SAGA, orderId)).not.toBe(orderSagaId(PLACE_ORDER_SAGA, randomUUID()));
    expect(orderSagaId(PLACE_ORDER_SAGA, orderId)).not.toBe(orderSagaId('orders.cancel-order', orderId));
    expect(orderSagaId(PLACE_ORDER_SAGA, orderId)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab]/);
  });
});
