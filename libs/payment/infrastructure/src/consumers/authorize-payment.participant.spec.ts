import { randomUUID } from 'node:crypto';
import { CreatePaymentCommand } from '@bascule/payment/application';
import { PaymentId, PaymentStatus } from '@bascule/payment/domain';
import { CallError } from '@bascule/shared/calls';
import { ConcurrencyError, InvalidValueError } from '@bascule/shared/ddd';
import { EventEnvelope } from '@bascule/shared/contracts';
import { SqlRows } from '@bascule/shared/persistence';
import { AuthorizePaymentParticipant } from './authorize-payment.participant';
import { fakeCommandBus, recordingSaga, sagaCommand } from '@bascule/saga/testing';
import { orderPayment, repositoryOf } from './participant.fixtures';

const orderId = randomUUID();
const paymentId = PaymentId.forOrder(orderId).value;

/** The participant on a create-payment use case answering `execute`, the payment it made found as `status`. */
function participantOn(execute: () => Promise<unknown>, status: PaymentStatus = 'AUTHORIZED') {
  const { saga, replies } = recordingSaga();
  const { bus, executed: sent } = fakeCommandBus<CreatePaymentCommand>(execute);
  const payments = repositoryOf(orderPayment(orderId, status));
  return { sent, replies, participant: new AuthorizePaymentParticipant(bus, saga, payments) };
}
const command = () =>
  sagaCommand('payment.authorize-payment', {
    orderId,
    amount: 1250,
    currency: 'EUR',
    token: 'tok_ok',
  }) as EventEnvelope<never>;
const tx = {} as SqlRows;
const made = async () => ({ id: paymentId, version: 1 });

describe('AuthorizePaymentParticipant', () => {
  it("runs create-payment under the id of the order's payment, and answers succeeded with it", async () => {
    const { replies, sent, participant } = participantOn(made);
    const authorize = command();
    await participant.handle(authorize, tx);
    expect(sent.map((c) => [c.data, c.paymentId, c.providerKey, c.metadata.correlationId])).toEqual([
      [
        { orderId, amount: { amount: 1250, currency: 'EUR' }, method: { type: 'card', token: 'tok_ok' } },
        paymentId,
        undefined,
        authorize.correlationId,
      ],
    ]);
    expect(replies()).toEqual([['payment.authorize-payment-succeeded', { id: paymentId, version: 1 }]]);
  });

  it('answers refused PAYMENT_DECLINED with the reason when the provider declined: a state, not an error', async () => {
    const { replies, participant } = participantOn(made, 'DECLINED');
    await participant.handle(command(), tx);
    expect(replies()).toEqual([
      [
        'payment.authorize-payment-refused',
        { reason: 'PAYMENT_DECLINED', detail: `order ${orderId}: the payment was declined (insufficient_funds)` },
      ],
    ]);
  });

  it("answers refused with a domain error's code (an amount that is no amount)", async () => {
    const refusal = new InvalidValueError('amount/amount', 'an amount must be positive');
    const { replies, participant } = participantOn(() => Promise.reject(refusal));
    await participant.handle(command(), tx);
    expect(replies()).toEqual([
      ['payment.authorize-payment-refused', { reason: 'VALUE.INVALID', detail: 'an amount must be positive' }],
    ]);
  });

  it.each([
    ['a provider that gave no answer', new CallError('CALL.UPSTREAM_UNAVAILABLE', 'payment-provider', 'POST', '503')],
    ['a lost race for the payment', new ConcurrencyError('payment', paymentId, 0, 1)],
    ['a lost connection', new Error('connection reset')],
  ])('lets %s through, for the consumer engine to retry: never a refusal', async (_, error) => {
    const { replies, participant } = participantOn(() => Promise.reject(error));
    await expect(participant.handle(command(), tx)).rejects.toBe(error);
    expect(replies()).toEqual([]);
  });
});
