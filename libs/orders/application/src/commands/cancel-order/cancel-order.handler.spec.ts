import { Order, OrderInvalidState } from '@bascule/orders/domain';
import { cloudRequest } from '@bascule/shared/application';
import { Money } from '@bascule/shared/ddd';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { OrderChanges } from '../../order-changes';
import { anOrderIn } from '../../testing/order.fixtures';
import { CancelOrderCommand, CancelOrderData } from './cancel-order.command';
import { CancelOrderHandler } from './cancel-order.handler';

describe('CancelOrderHandler', () => {
  const data: CancelOrderData = { reason: 'Some reason text' };
  const setup = async (status: Parameters<typeof anOrderIn>[0] = 'PENDING') => {
    const repository = new InMemoryAggregateRepository<Order>();
    const changes = new OrderChanges(repository);
    const { id, version } = await changes.save(anOrderIn(status), cloudRequest());
    repository.forgetSaved();
    const target = { aggregateId: id, expectedVersion: version, metadata: cloudRequest('corr-2') };
    const run = () => new CancelOrderHandler(changes).execute(new CancelOrderCommand(target, data));
    return { id, version, repository, run };
  };

  it('records OrderCanceled with what changed, and returns the next version', async () => {
    const { id, version, repository, run } = await setup();
    expect(await run()).toEqual({ id, version: version + 1 });
    expect(repository.events).toEqual([
      expect.objectContaining({
        type: 'OrderCanceled',
        aggregateId: id,
        status: 'CANCELLED',
        reason: 'Some reason text',
      }),
    ]);
  });

  it('of a CONFIRMED order records the request with the total, CANCELLING; asked again, nothing more', async () => {
    const { id, version, repository, run } = await setup('CONFIRMED');
    expect(await run()).toEqual({ id, version: version + 1 });
    expect(repository.events).toEqual([
      expect.objectContaining({
        type: 'OrderCancellationRequested',
        aggregateId: id,
        reason: 'Some reason text',
        total: Money.fromJSON({ amount: 2500, currency: 'EUR' }),
      }),
    ]);
    repository.forgetSaved();
    await expect(
      new CancelOrderHandler(new OrderChanges(repository)).execute(
        new CancelOrderCommand({ aggregateId: id, expectedVersion: version + 1, metadata: cloudRequest() }, data),
      ),
    ).resolves.toEqual({ id, version: version + 1 });
    expect(repository.saved).toEqual([]);
  });

  it('is refused outside PENDING, CONFIRMED (ORDER.INVALID_STATE), and saves nothing', async () => {
    const { repository, run } = await setup('REJECTED');
    await expect(run()).rejects.toBeInstanceOf(OrderInvalidState);
    await expect(run()).rejects.toMatchObject({ code: 'ORDER.INVALID_STATE' });
    expect(repository.saved).toEqual([]);
  });
});
