import { Payment, PaymentId, PaymentInvalidState } from '@bascule/payment/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { FixedClock, Money } from '@bascule/shared/ddd';
import { PaymentChanges } from '../../payment-changes';
import { aPaymentState } from '../../testing/payment.fixtures';
import { RefundCommand, RefundData } from './refund.command';
import { RefundHandler } from './refund.handler';

describe('RefundHandler', () => {
  const data: RefundData = { amount: { amount: 1251, currency: 'EUR' } };
  const setup = async (state = aPaymentState({ status: 'CAPTURED' })) => {
    const repository = new InMemoryAggregateRepository<Payment>();
    const changes = new PaymentChanges(repository);
    const { id } = await changes.save(Payment.create(PaymentId.generate(), state, new FixedClock()), cloudRequest());
    repository.forgetSaved();
    const target = { aggregateId: id, expectedVersion: 1, metadata: cloudRequest('corr-2') };
    const run = () => new RefundHandler(changes).execute(new RefundCommand(target, data));
    return { id, repository, run };
  };

  it('records PaymentRefunded with what changed, and returns the next version', async () => {
    const { id, repository, run } = await setup();
    expect(await run()).toEqual({ id, version: 2 });
    expect(repository.events).toEqual([
      expect.objectContaining({
        type: 'PaymentRefunded',
        aggregateId: id,
        status: 'PARTIALLY_REFUNDED',
        amount: Money.fromJSON({ amount: 1251, currency: 'EUR' }),
      }),
    ]);
  });

  it('is refused outside CAPTURED, PARTIALLY_REFUNDED (PAYMENT.INVALID_STATE), and saves nothing', async () => {
    const { repository, run } = await setup(aPaymentState({ status: 'AUTHORIZED' }));
    await expect(run()).rejects.toBeInstanceOf(PaymentInvalidState);
    await expect(run()).rejects.toMatchObject({ code: 'PAYMENT.INVALID_STATE' });
    expect(repository.saved).toEqual([]);
  });

  it('records nothing when it would change nothing', async () => {
    const { repository, run } = await setup(aPaymentState({ status: 'PARTIALLY_REFUNDED' }));
    await run();
    expect(repository.events).toEqual([]);
  });
});
