import { Order, OrderId, OrderInvalidState } from '@bascule/orders/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { FixedClock } from '@bascule/shared/ddd';
import { OrderChanges } from '../../order-changes';
import { aOrderState } from '../../testing/order.fixtures';
import { ShipOrderCommand } from './ship-order.command';
import { ShipOrderHandler } from './ship-order.handler';

describe('ShipOrderHandler', () => {
  const setup = async (state = aOrderState({ status: 'CONFIRMED' })) => {
    const repository = new InMemoryAggregateRepository<Order>();
    const changes = new OrderChanges(repository);
    const { id } = await changes.save(Order.create(OrderId.generate(), state, new FixedClock()), cloudRequest());
    repository.forgetSaved();
    const target = { aggregateId: id, expectedVersion: 1, metadata: cloudRequest('corr-2') };
    const run = () => new ShipOrderHandler(changes).execute(new ShipOrderCommand(target));
    return { id, repository, run };
  };

  it('records OrderShipped with what changed, and returns the next version', async () => {
    const { id, repository, run } = await setup();
    expect(await run()).toEqual({ id, version: 2 });
    expect(repository.events).toEqual([
      expect.objectContaining({
        type: 'OrderShipped',
        aggregateId: id,
        status: 'SHIPPED',
      }),
    ]);
  });

  it('is refused outside CONFIRMED (ORDER.INVALID_STATE), and saves nothing', async () => {
    const { repository, run } = await setup(aOrderState({ status: 'PENDING' }));
    await expect(run()).rejects.toBeInstanceOf(OrderInvalidState);
    await expect(run()).rejects.toMatchObject({ code: 'ORDER.INVALID_STATE' });
    expect(repository.saved).toEqual([]);
  });
});
