import { Payment, PaymentInvalidState } from '@bascule/payment/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { Money } from '@bascule/shared/ddd';
import { PaymentChanges } from '../../payment-changes';
import { aPayment } from '../../testing/payment.fixtures';
import { CaptureCommand, CaptureData } from './capture.command';
import { CaptureHandler } from './capture.handler';

describe('CaptureHandler', () => {
  const data: CaptureData = { amount: { amount: 1000, currency: 'EUR' } };
  const setup = async (payment = aPayment('AUTHORIZED')) => {
    const repository = new InMemoryAggregateRepository<Payment>();
    const changes = new PaymentChanges(repository);
    const { id, version } = await changes.save(payment, cloudRequest());
    repository.forgetSaved();
    const target = { aggregateId: id, expectedVersion: version, metadata: cloudRequest('corr-2') };
    const run = () => new CaptureHandler(changes).execute(new CaptureCommand(target, data));
    return { id, version, repository, run };
  };

  it('records PaymentCaptured with what changed, and returns the next version', async () => {
    const { id, version, repository, run } = await setup();
    expect(await run()).toEqual({ id, version: version + 1 });
    expect(repository.events).toEqual([
      expect.objectContaining({
        type: 'PaymentCaptured',
        aggregateId: id,
        status: 'CAPTURED',
        amount: Money.fromJSON({ amount: 1000, currency: 'EUR' }),
      }),
    ]);
  });

  it('is refused outside AUTHORIZED (PAYMENT.INVALID_STATE), and saves nothing', async () => {
    const { repository, run } = await setup(aPayment('DECLINED'));
    await expect(run()).rejects.toBeInstanceOf(PaymentInvalidState);
    await expect(run()).rejects.toMatchObject({ code: 'PAYMENT.INVALID_STATE' });
    expect(repository.saved).toEqual([]);
  });
});
