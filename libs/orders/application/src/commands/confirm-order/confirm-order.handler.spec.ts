import { Order, OrderInvalidState } from '@bascule/orders/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { OrderChanges } from '../../order-changes';
import { anOrderIn } from '../../testing/order.fixtures';
import { ConfirmOrderCommand } from './confirm-order.command';
import { ConfirmOrderHandler } from './confirm-order.handler';

describe('ConfirmOrderHandler', () => {
  const setup = async (status: Parameters<typeof anOrderIn>[0] = 'PENDING') => {
    const repository = new InMemoryAggregateRepository<Order>();
    const changes = new OrderChanges(repository);
    const { id, version } = await changes.save(anOrderIn(status), cloudRequest());
    repository.forgetSaved();
    const target = { aggregateId: id, expectedVersion: version, metadata: cloudRequest('corr-2') };
    const run = () => new ConfirmOrderHandler(changes).execute(new ConfirmOrderCommand(target));
    return { id, version, repository, run };
  };

  it('records OrderConfirmed with what changed, and returns the next version', async () => {
    const { id, version, repository, run } = await setup();
    expect(await run()).toEqual({ id, version: version + 1 });
    expect(repository.events).toEqual([
      expect.objectContaining({
        type: 'OrderConfirmed',
        aggregateId: id,
        status: 'CONFIRMED',
      }),
    ]);
  });

  it('of an order confirmed already changes nothing and answers its version (a repeat)', async () => {
    const { id, version, repository, run } = await setup('CONFIRMED');
    expect(await run()).toEqual({ id, version });
    expect(repository.saved).toEqual([]);
  });

  it('is refused for an order off (CANCELLED meanwhile: ORDER.INVALID_STATE), and saves nothing', async () => {
    const { repository, run } = await setup('CANCELLED');
    await expect(run()).rejects.toBeInstanceOf(OrderInvalidState);
    await expect(run()).rejects.toMatchObject({ code: 'ORDER.INVALID_STATE' });
    expect(repository.saved).toEqual([]);
  });
});
