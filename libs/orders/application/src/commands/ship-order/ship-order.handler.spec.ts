import { Order, OrderInvalidState } from '@bascule/orders/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { OrderChanges } from '../../order-changes';
import { anOrderIn } from '../../testing/order.fixtures';
import { ShipOrderCommand } from './ship-order.command';
import { ShipOrderHandler } from './ship-order.handler';

describe('ShipOrderHandler', () => {
  const setup = async (status: Parameters<typeof anOrderIn>[0] = 'CONFIRMED') => {
    const repository = new InMemoryAggregateRepository<Order>();
    const changes = new OrderChanges(repository);
    const { id, version } = await changes.save(anOrderIn(status), cloudRequest());
    repository.forgetSaved();
    const target = { aggregateId: id, expectedVersion: version, metadata: cloudRequest('corr-2') };
    const run = () => new ShipOrderHandler(changes).execute(new ShipOrderCommand(target));
    return { id, version, repository, run };
  };

  it('records OrderShipped with what changed, and returns the next version', async () => {
    const { id, version, repository, run } = await setup();
    expect(await run()).toEqual({ id, version: version + 1 });
    expect(repository.events).toEqual([
      expect.objectContaining({
        type: 'OrderShipped',
        aggregateId: id,
        status: 'SHIPPED',
      }),
    ]);
  });

  it('is refused outside CONFIRMED (ORDER.INVALID_STATE), and saves nothing', async () => {
    const { repository, run } = await setup('PENDING');
    await expect(run()).rejects.toBeInstanceOf(OrderInvalidState);
    await expect(run()).rejects.toMatchObject({ code: 'ORDER.INVALID_STATE' });
    expect(repository.saved).toEqual([]);
  });
});
