import { Order, OrderInvalidState } from '@bascule/orders/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { OrderChanges } from '../../order-changes';
import { anOrderIn } from '../../testing/order.fixtures';
import { CompleteOrderCancellationCommand } from './complete-order-cancellation.command';
import { CompleteOrderCancellationHandler } from './complete-order-cancellation.handler';

describe('CompleteOrderCancellationHandler', () => {
  const setup = async (status: Parameters<typeof anOrderIn>[0] = 'CANCELLING') => {
    const repository = new InMemoryAggregateRepository<Order>();
    const changes = new OrderChanges(repository);
    const { id, version } = await changes.save(anOrderIn(status), cloudRequest());
    repository.forgetSaved();
    // A saga's command: no expected version, only the state decides.
    const target = { aggregateId: id, expectedVersion: undefined, metadata: cloudRequest('corr-2') };
    const run = () =>
      new CompleteOrderCancellationHandler(changes).execute(new CompleteOrderCancellationCommand(target));
    return { id, version, repository, run };
  };

  it('records OrderCanceled with the reason the client gave, and returns the next version', async () => {
    const { id, version, repository, run } = await setup();
    expect(await run()).toEqual({ id, version: version + 1 });
    expect(repository.events).toEqual([
      expect.objectContaining({
        type: 'OrderCanceled',
        aggregateId: id,
        status: 'CANCELLED',
        reason: 'changed my mind',
      }),
    ]);
  });

  it('of a CANCELLED order changes nothing and answers its version (a retried command)', async () => {
    const { id, version, repository, run } = await setup('CANCELLED');
    expect(await run()).toEqual({ id, version });
    expect(repository.saved).toEqual([]);
  });

  it.each(['PENDING', 'CONFIRMED', 'REJECTED', 'SHIPPED'] as const)(
    'is refused for a %s order (no cancellation asked: ORDER.INVALID_STATE), and saves nothing',
    async (status) => {
      const { repository, run } = await setup(status);
      await expect(run()).rejects.toBeInstanceOf(OrderInvalidState);
      expect(repository.saved).toEqual([]);
    },
  );
});
