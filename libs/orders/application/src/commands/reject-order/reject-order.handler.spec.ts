import { Order, OrderInvalidState } from '@bascule/orders/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { OrderChanges } from '../../order-changes';
import { anOrderIn } from '../../testing/order.fixtures';
import { RejectOrderCommand, RejectOrderData } from './reject-order.command';
import { RejectOrderHandler } from './reject-order.handler';

describe('RejectOrderHandler', () => {
  const data: RejectOrderData = { reason: 'Some reason text' };
  const setup = async (status: Parameters<typeof anOrderIn>[0] = 'PENDING') => {
    const repository = new InMemoryAggregateRepository<Order>();
    const changes = new OrderChanges(repository);
    const { id, version } = await changes.save(anOrderIn(status), cloudRequest());
    repository.forgetSaved();
    const target = { aggregateId: id, expectedVersion: version, metadata: cloudRequest('corr-2') };
    const run = () => new RejectOrderHandler(changes).execute(new RejectOrderCommand(target, data));
    return { id, version, repository, run };
  };

  it('records OrderRejected with what changed, and returns the next version', async () => {
    const { id, version, repository, run } = await setup();
    expect(await run()).toEqual({ id, version: version + 1 });
    expect(repository.events).toEqual([
      expect.objectContaining({
        type: 'OrderRejected',
        aggregateId: id,
        status: 'REJECTED',
        reason: 'Some reason text',
      }),
    ]);
  });

  it.each(['REJECTED', 'CANCELLED'] as const)(
    'of a %s order changes nothing and answers its version (nothing to undo)',
    async (status) => {
      const { id, version, repository, run } = await setup(status);
      expect(await run()).toEqual({ id, version });
      expect(repository.saved).toEqual([]);
    },
  );

  it('is refused for a SHIPPED order (ORDER.INVALID_STATE), and saves nothing', async () => {
    const { repository, run } = await setup('SHIPPED');
    await expect(run()).rejects.toBeInstanceOf(OrderInvalidState);
    await expect(run()).rejects.toMatchObject({ code: 'ORDER.INVALID_STATE' });
    expect(repository.saved).toEqual([]);
  });
});
