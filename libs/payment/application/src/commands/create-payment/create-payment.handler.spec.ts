import { Payment, PaymentId, ProviderDecision } from '@bascule/payment/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { FixedClock, Money } from '@bascule/shared/ddd';
import { PaymentChanges } from '../../payment-changes';
import { AuthorizationCall, PaymentProvider } from '../../ports/payment-provider';
import { ORDER_ID } from '../../testing/payment.fixtures';
import { CreatePaymentCommand, CreatePaymentData } from './create-payment.command';
import { CreatePaymentHandler } from './create-payment.handler';

describe('CreatePaymentHandler', () => {
  const data: CreatePaymentData = {
    orderId: ORDER_ID,
    amount: { amount: 1250, currency: 'EUR' },
    method: { type: 'card', token: 'tok_ok_4242' },
  };
  const setup = (answer: ProviderDecision | Error) => {
    const calls: AuthorizationCall[] = [];
    const provider: PaymentProvider = {
      authorize: async (call) => {
        calls.push(call);
        if (answer instanceof Error) throw answer;
        return answer;
      },
    };
    const repository = new InMemoryAggregateRepository<Payment>();
    const handler = new CreatePaymentHandler(new PaymentChanges(repository), repository, provider, new FixedClock());
    return { calls, repository, handler };
  };

  it('keeps an approval as AUTHORIZED with PaymentAuthorized, the card only as its last four and type', async () => {
    const { calls, repository, handler } = setup({ outcome: 'approved', reference: 'sim_1' });
    const ref = await handler.execute(new CreatePaymentCommand(data, cloudRequest('corr-1'), 'key-1'));
    expect(ref.version).toBe(1);
    expect(calls).toEqual([
      {
        idempotencyKey: 'key-1',
        orderId: ORDER_ID,
        amount: data.amount,
        token: 'tok_ok_4242',
        correlationId: 'corr-1',
      },
    ]);
    expect(repository.saved[0].events).toEqual([
      expect.objectContaining({
        type: 'PaymentAuthorized',
        aggregateId: ref.id,
        orderId: ORDER_ID,
        amount: Money.of(1250, 'EUR'),
        cardLast4: '4242',
        cardType: 'card',
      }),
    ]);
    expect(JSON.stringify(repository.saved)).not.toContain('tok_ok_4242');
  });

  it('keeps a decline as DECLINED with its reason and PaymentDeclined: an outcome, not an error', async () => {
    const { repository, handler } = setup({ outcome: 'declined', reason: 'insufficient_funds', reference: 'sim_2' });
    await handler.execute(new CreatePaymentCommand(data, cloudRequest()));
    expect(repository.saved[0].events).toEqual([
      expect.objectContaining({ type: 'PaymentDeclined', reason: 'insufficient_funds' }),
    ]);
  });

  it('without an idempotency key of the caller, asks the provider under the new payment’s id', async () => {
    const { calls, handler } = setup({ outcome: 'approved', reference: 'sim_3' });
    const ref = await handler.execute(new CreatePaymentCommand(data, cloudRequest()));
    expect(calls[0].idempotencyKey).toBe(ref.id);
  });

  it('saves nothing when the provider gave no answer, and refuses a zero amount before asking it', async () => {
    const failing = setup(new Error('no answer'));
    await expect(failing.handler.execute(new CreatePaymentCommand(data, cloudRequest()))).rejects.toThrow('no answer');
    expect(failing.repository.saved).toEqual([]);
    const zero = setup({ outcome: 'approved', reference: 'sim_4' });
    await expect(
      zero.handler.execute(
        new CreatePaymentCommand({ ...data, amount: { amount: 0, currency: 'EUR' } }, cloudRequest()),
      ),
    ).rejects.toMatchObject({ code: 'VALUE.INVALID', field: 'amount/amount' });
    expect(zero.calls).toEqual([]);
  });

  describe("under the id of the order's payment (a saga's authorization)", () => {
    const orderPayment = PaymentId.forOrder(ORDER_ID).value;
    const authorizeForOrder = (handler: CreatePaymentHandler, amount = data.amount) =>
      handler.execute(new CreatePaymentCommand({ ...data, amount }, cloudRequest(), undefined, orderPayment));

    it('asks the provider under that id, and keeps the payment under it', async () => {
      const { calls, handler } = setup({ outcome: 'approved', reference: 'sim_5' });
      expect(await authorizeForOrder(handler)).toEqual({ id: orderPayment, version: 1 });
      expect(calls.map((c) => c.idempotencyKey)).toEqual([orderPayment]);
    });

    it('answers a second time from the payment made, without asking the provider again nor saving', async () => {
      const { calls, repository, handler } = setup({
        outcome: 'declined',
        reason: 'insufficient_funds',
        reference: 'x',
      });
      const first = await authorizeForOrder(handler);
      expect(await authorizeForOrder(handler)).toEqual(first);
      expect(calls).toHaveLength(1);
      expect(repository.saved).toHaveLength(1);
    });

    it('refuses another amount for the same order rather than authorize it a second time', async () => {
      const { calls, handler } = setup({ outcome: 'approved', reference: 'sim_6' });
      await authorizeForOrder(handler);
      await expect(authorizeForOrder(handler, { amount: 1300, currency: 'EUR' })).rejects.toMatchObject({
        code: 'PAYMENT.ORDER_PAYMENT_MISMATCH',
      });
      expect(calls).toHaveLength(1);
    });
  });
});
