import { Payment, PaymentInvalidState } from '@bascule/payment/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { PaymentChanges } from '../../payment-changes';
import { aPayment } from '../../testing/payment.fixtures';
import { VoidCommand } from './void.command';
import { VoidHandler } from './void.handler';

describe('VoidHandler', () => {
  const setup = async (payment = aPayment('AUTHORIZED')) => {
    const repository = new InMemoryAggregateRepository<Payment>();
    const changes = new PaymentChanges(repository);
    const { id, version } = await changes.save(payment, cloudRequest());
    repository.forgetSaved();
    const target = { aggregateId: id, expectedVersion: version, metadata: cloudRequest('corr-2') };
    const run = () => new VoidHandler(changes).execute(new VoidCommand(target));
    return { id, version, repository, run };
  };

  it('records PaymentVoided with what changed, and returns the next version', async () => {
    const { id, version, repository, run } = await setup();
    expect(await run()).toEqual({ id, version: version + 1 });
    expect(repository.events).toEqual([
      expect.objectContaining({
        type: 'PaymentVoided',
        aggregateId: id,
        status: 'VOIDED',
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
