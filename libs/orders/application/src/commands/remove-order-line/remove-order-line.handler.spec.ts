import { Order, OrderId } from '@bascule/orders/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { FixedClock } from '@bascule/shared/ddd';
import { OrderChanges } from '../../order-changes';
import { aOrderState } from '../../testing/order.fixtures';
import { aOrderLineState } from '../../testing/order-line.fixtures';
import { RemoveOrderLineCommand } from './remove-order-line.command';
import { RemoveOrderLineHandler } from './remove-order-line.handler';

describe('RemoveOrderLineHandler', () => {
  const orderLineId = '5b0f5e4e-8c1d-4a3b-9e2f-0000000000aa';
  const setup = async () => {
    const repository = new InMemoryAggregateRepository<Order>();
    const changes = new OrderChanges(repository);
    const order = Order.create(OrderId.generate(), aOrderState(), new FixedClock());
    order.addOrderLine({ orderLineId, ...aOrderLineState() });
    const { id } = await changes.save(order, cloudRequest());
    repository.forgetSaved();
    const run = (expectedVersion: number) =>
      new RemoveOrderLineHandler(changes).execute(
        new RemoveOrderLineCommand(
          { aggregateId: id, expectedVersion, metadata: cloudRequest('corr-2') },
          { orderLineId },
        ),
      );
    return { id, repository, run };
  };

  it('removes the order line and records OrderLineRemoved, at the next version', async () => {
    const { id, repository, run } = await setup();
    expect(await run(2)).toEqual({ id, version: 3 });
    expect(repository.events).toEqual([
      expect.objectContaining({ type: 'OrderLineRemoved', aggregateId: id, orderLineId }),
    ]);
  });

  it('records nothing when the order line is not there', async () => {
    const { repository, run } = await setup();
    await run(2);
    repository.forgetSaved();
    await run(3);
    expect(repository.events).toEqual([]);
  });
});
