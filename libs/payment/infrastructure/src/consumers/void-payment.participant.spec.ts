import { randomUUID } from 'node:crypto';
import { VoidCommand } from '@bascule/payment/application';
import { Payment, PaymentId, PaymentInvalidState, PaymentStatus } from '@bascule/payment/domain';
import { ConcurrencyError } from '@bascule/shared/ddd';
import { EventEnvelope } from '@bascule/shared/contracts';
import { SqlRows } from '@bascule/shared/persistence';
import { fakeCommandBus, recordingSaga, sagaCommand } from '@bascule/saga/testing';
import { never, orderPayment, repositoryOf } from './participant.fixtures';
import { VoidPaymentParticipant } from './void-payment.participant';

const orderId = randomUUID();
const paymentId = PaymentId.forOrder(orderId).value;

/** The participant on the order's payment (or none) and a void use case answering `execute`. */
function participantOn(payment: Payment | undefined, execute: () => Promise<unknown>) {
  const { saga, replies } = recordingSaga();
  const { bus, executed: sent } = fakeCommandBus<VoidCommand>(execute);
  return { sent, replies, participant: new VoidPaymentParticipant(bus, saga, repositoryOf(payment)) };
}
const command = () => sagaCommand('payment.void-payment', { orderId }) as EventEnvelope<never>;
const tx = {} as SqlRows;

describe('VoidPaymentParticipant', () => {
  it("voids the order's authorized payment at the version loaded, and answers its new version", async () => {
    const { replies, sent, participant } = participantOn(orderPayment(orderId, 'AUTHORIZED'), async () => ({
      id: paymentId,
      version: 3,
    }));
    await participant.handle(command(), tx);
    expect(sent.map((c) => [c.target.aggregateId, c.target.expectedVersion])).toEqual([[paymentId, 2]]);
    expect(replies()).toEqual([['payment.void-payment-succeeded', { id: paymentId, version: 3 }]]);
  });

  it('answers done at version 0 when the order has no payment (its authorization timed out): nothing to undo', async () => {
    const { replies, sent, participant } = participantOn(undefined, never);
    await participant.handle(command(), tx);
    expect(sent).toEqual([]);
    expect(replies()).toEqual([['payment.void-payment-succeeded', { id: paymentId, version: 0 }]]);
  });

  it.each<PaymentStatus>(['DECLINED', 'VOIDED'])(
    'answers done for a payment %s, at its version: no authorization held, nothing run',
    async (status) => {
      const { replies, sent, participant } = participantOn(orderPayment(orderId, status), never);
      await participant.handle(command(), tx);
      expect(sent).toEqual([]);
      expect(replies()).toEqual([['payment.void-payment-succeeded', { id: paymentId, version: 2 }]]);
    },
  );

  it("answers refused with the domain's code for a captured payment: money taken is refunded, not voided", async () => {
    const refusal = new PaymentInvalidState(paymentId, 'CAPTURED', 'void');
    const { replies, participant } = participantOn(orderPayment(orderId, 'CAPTURED'), () => Promise.reject(refusal));
    await participant.handle(command(), tx);
    expect(replies()).toEqual([
      ['payment.void-payment-refused', { reason: 'PAYMENT.INVALID_STATE', detail: refusal.message }],
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
