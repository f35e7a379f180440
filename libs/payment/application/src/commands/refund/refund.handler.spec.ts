import { Payment, PaymentInvalidState } from '@bascule/payment/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { Money } from '@bascule/shared/ddd';
import { PaymentChanges } from '../../payment-changes';
import { aPayment } from '../../testing/payment.fixtures';
import { RefundCommand, RefundData } from './refund.command';
import { RefundHandler } from './refund.handler';

describe('RefundHandler', () => {
  const data: RefundData = { amount: { amount: 1000, currency: 'EUR' } };
  const setup = async (payment = aPayment('CAPTURED')) => {
    const repository = new InMemoryAggregateRepository<Payment>();
    const changes = new PaymentChanges(repository);
    const { id, version } = await changes.save(payment, cloudRequest());
    repository.forgetSaved();
    const target = { aggregateId: id, expectedVersion: version, metadata: cloudRequest('corr-2') };
    const run = () => new RefundHandler(changes).execute(new RefundCommand(target, data));
    return { id, version, repository, run };
  };

  it('records PaymentRefunded with what changed, and returns the next version', async () => {
    const { id, version, repository, run } = await setup();
    expect(await run()).toEqual({ id, version: version + 1 });
    expect(repository.events).toEqual([
      expect.objectContaining({
        type: 'PaymentRefunded',
        aggregateId: id,
        status: 'PARTIALLY_REFUNDED',
        amount: Money.fromJSON({ amount: 1000, currency: 'EUR' }),
      }),
    ]);
  });

  it('is refused outside CAPTURED, PARTIALLY_REFUNDED (PAYMENT.INVALID_STATE), and saves nothing', async () => {
    const { repository, run } = await setup(aPayment('AUTHORIZED'));
    await expect(run()).rejects.toBeInstanceOf(PaymentInvalidState);
    await expect(run()).rejects.toMatchObject({ code: 'PAYMENT.INVALID_STATE' });
    expect(repository.saved).toEqual([]);
  });

  it('records every refund (two refunds of the same amount are two refunds), REFUNDED once they reach the capture', async () => {
    const { repository, run } = await setup(aPayment('PARTIALLY_REFUNDED'));
    await run();
    expect(repository.events).toEqual([expect.objectContaining({ type: 'PaymentRefunded', status: 'REFUNDED' })]);
  });

  it('refuses a refund above what is left of the capture (PAYMENT.REFUND_EXCEEDS_CAPTURE), and saves nothing', async () => {
    const payment = aPayment('CAPTURED');
    payment.refund({ amount: Money.of(500, 'EUR') });
    const { repository, run } = await setup(payment);
    await expect(run()).rejects.toMatchObject({ code: 'PAYMENT.REFUND_EXCEEDS_CAPTURE' });
    expect(repository.saved).toEqual([]);
  });
});
