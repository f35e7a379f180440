import { randomUUID } from 'node:crypto';
import { CaptureCommand } from '@bascule/payment/application';
import { Payment, PaymentId, PaymentInvalidState, PaymentStatus } from '@bascule/payment/domain';
import { ConcurrencyError } from '@bascule/shared/ddd';
import { EventEnvelope } from '@bascule/shared/contracts';
import { SqlRows } from '@bascule/shared/persistence';
import { CapturePaymentParticipant } from './capture-payment.participant';
import { fakeCommandBus, recordingSaga, sagaCommand } from '@bascule/saga/testing';
import { never, orderPayment, repositoryOf } from './participant.fixtures';

const orderId = randomUUID();
const paymentId = PaymentId.forOrder(orderId).value;

/** The participant on the order's payment (or none) and a capture use case answering `execute`. */
function participantOn(payment: Payment | undefined, execute: () => Promise<unknown>) {
  const { saga, replies } = recordingSaga();
  const { bus, executed: sent } = fakeCommandBus<CaptureCommand>(execute);
  return { sent, replies, participant: new CapturePaymentParticipant(bus, saga, repositoryOf(payment)) };
}
const command = () => sagaCommand('payment.capture-payment', { orderId }) as EventEnvelope<never>;
const tx = {} as SqlRows;

describe('CapturePaymentParticipant', () => {
  it("captures the amount authorized of the order's payment, at the version loaded, and answers its new version", async () => {
    const { replies, sent, participant } = participantOn(orderPayment(orderId, 'AUTHORIZED'), async () => ({
      id: paymentId,
      version: 3,
    }));
    await participant.handle(command(), tx);
    expect(sent.map((c) => [c.target.aggregateId, c.target.expectedVersion, c.data])).toEqual([
      [paymentId, 2, { amount: { amount: 1250, currency: 'EUR' } }],
    ]);
    expect(replies()).toEqual([['payment.capture-payment-succeeded', { id: paymentId, version: 3 }]]);
  });

  it.each<PaymentStatus>(['CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED'])(
    'answers done for a payment %s: captured already, nothing run',
    async (status) => {
      const { replies, sent, participant } = participantOn(orderPayment(orderId, status), never);
      await participant.handle(command(), tx);
      expect(sent).toEqual([]);
      expect(replies()).toEqual([['payment.capture-payment-succeeded', { id: paymentId, version: 2 }]]);
    },
  );

  it("answers refused with the domain's code for a payment it cannot capture (VOIDED): the saga compensates", async () => {
    const refusal = new PaymentInvalidState(paymentId, 'VOIDED', 'capture');
    const { replies, participant } = participantOn(orderPayment(orderId, 'VOIDED'), () => Promise.reject(refusal));
    await participant.handle(command(), tx);
    expect(replies()).toEqual([
      ['payment.capture-payment-refused', { reason: 'PAYMENT.INVALID_STATE', detail: refusal.message }],
    ]);
  });

  it('answers refused PAYMENT.NOT_FOUND when the order has no payment, without running the use case', async () => {
    const { replies, sent, participant } = participantOn(undefined, never);
    await participant.handle(command(), tx);
    expect(sent).toEqual([]);
    expect(replies()).toEqual([
      [
        'payment.capture-payment-refused',
        { reason: 'PAYMENT.NOT_FOUND', detail: `payment ${paymentId} does not exist` },
      ],
    ]);
  });

  it.each([
    ['a lost race', new ConcurrencyError('payment', paymentId, 2, 3)],
    ['a lost connection', new Error('connection reset')],
  ])('lets %s through, for the consumer engine to retry', async (_, error) => {
    const { replies, participant } = participantOn(orderPayment(orderId, 'AUTHORIZED'), () => Promise.reject(error));
    await expect(participant.handle(command(), tx)).rejects.toBe(error);
    expect(replies()).toEqual([]);
  });
});
