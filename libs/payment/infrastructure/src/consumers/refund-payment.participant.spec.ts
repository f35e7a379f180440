import { randomUUID } from 'node:crypto';
import { RefundCommand } from '@bascule/payment/application';
import { Payment, PaymentId, PaymentInvalidState, PaymentStatus } from '@bascule/payment/domain';
import { ConcurrencyError } from '@bascule/shared/ddd';
import { EventEnvelope } from '@bascule/shared/contracts';
import { SqlRows } from '@bascule/shared/persistence';
import { fakeCommandBus, recordingSaga, sagaCommand } from '@bascule/saga/testing';
import { never, orderPayment, repositoryOf } from './participant.fixtures';
import { RefundPaymentParticipant } from './refund-payment.participant';

const orderId = randomUUID();
const paymentId = PaymentId.forOrder(orderId).value;
const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** The participant on the order's payment (or none) and a refund use case answering `execute`. */
function participantOn(payment: Payment | undefined, execute: () => Promise<unknown>) {
  const { saga, replies } = recordingSaga();
  const { bus, executed: sent } = fakeCommandBus<RefundCommand>(execute);
  return { sent, replies, participant: new RefundPaymentParticipant(bus, saga, repositoryOf(payment)) };
}
const command = () => sagaCommand('payment.refund-payment', { orderId }) as EventEnvelope<never>;
const tx = {} as SqlRows;
const done = async () => ({ id: paymentId, version: 3 });

describe('RefundPaymentParticipant', () => {
  it("refunds the amount captured of the order's payment, at the version loaded, and answers its new version", async () => {
    const { replies, sent, participant } = participantOn(orderPayment(orderId, 'CAPTURED'), done);
    await participant.handle(command(), tx);
    expect(sent.map((c) => [c.target.aggregateId, c.target.expectedVersion, c.data])).toEqual([
      [paymentId, 2, { amount: eur(1000) }],
    ]);
    expect(replies()).toEqual([['payment.refund-payment-succeeded', { id: paymentId, version: 3 }]]);
  });

  it('refunds what is left when a part was refunded already (over the API)', async () => {
    const { sent, participant } = participantOn(orderPayment(orderId, 'PARTIALLY_REFUNDED'), done);
    await participant.handle(command(), tx);
    expect(sent.map((c) => c.data)).toEqual([{ amount: eur(750) }]);
  });

  it('answers done at version 0 when the order has no payment: nothing to undo', async () => {
    const { replies, sent, participant } = participantOn(undefined, never);
    await participant.handle(command(), tx);
    expect(sent).toEqual([]);
    expect(replies()).toEqual([['payment.refund-payment-succeeded', { id: paymentId, version: 0 }]]);
  });

  it.each<PaymentStatus>(['REFUNDED', 'VOIDED', 'DECLINED'])(
    'answers done for a payment %s, at its version: no money held, nothing run',
    async (status) => {
      const { replies, sent, participant } = participantOn(orderPayment(orderId, status), never);
      await participant.handle(command(), tx);
      expect(sent).toEqual([]);
      expect(replies()).toEqual([['payment.refund-payment-succeeded', { id: paymentId, version: 2 }]]);
    },
  );

  it("answers refused with the domain's code for a payment authorized but not captured", async () => {
    const refusal = new PaymentInvalidState(paymentId, 'AUTHORIZED', 'refund');
    const { replies, participant } = participantOn(orderPayment(orderId, 'AUTHORIZED'), () => Promise.reject(refusal));
    await participant.handle(command(), tx);
    expect(replies()).toEqual([
      ['payment.refund-payment-refused', { reason: 'PAYMENT.INVALID_STATE', detail: refusal.message }],
    ]);
  });

  it.each([
    ['a lost race', new ConcurrencyError('payment', paymentId, 2, 3)],
    ['a lost connection', new Error('connection reset')],
  ])('lets %s through, for the consumer engine to retry', async (_, error) => {
    const { replies, participant } = participantOn(orderPayment(orderId, 'CAPTURED'), () => Promise.reject(error));
    await expect(participant.handle(command(), tx)).rejects.toBe(error);
    expect(replies()).toEqual([]);
  });
});
