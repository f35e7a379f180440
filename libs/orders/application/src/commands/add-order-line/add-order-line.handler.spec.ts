import { Order, OrderId, OrderLineIdTaken } from '@bascule/orders/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { FixedClock } from '@bascule/shared/ddd';
import { OrderChanges } from '../../order-changes';
import { aOrderState } from '../../testing/order.fixtures';
import { aOrderLineState } from '../../testing/order-line.fixtures';
import { AddOrderLineCommand, AddOrderLineData } from './add-order-line.command';
import { AddOrderLineHandler } from './add-order-line.handler';

describe('AddOrderLineHandler', () => {
  const orderLineId = '5b0f5e4e-8c1d-4a3b-9e2f-0000000000aa';
  const data = (variant = 0): AddOrderLineData => ({
    orderLineId,
    sku: variant ? 'Second sku' : 'First sku',
    quantity: variant ? 43 : 42,
    unitPrice: variant ? { amount: 1251, currency: 'EUR' } : { amount: 1250, currency: 'EUR' },
    lineTotal: variant ? { amount: 1251, currency: 'EUR' } : { amount: 1250, currency: 'EUR' },
  });
  const setup = async () => {
    const repository = new InMemoryAggregateRepository<Order>();
    const changes = new OrderChanges(repository);
    const { id } = await changes.save(
      Order.create(OrderId.generate(), aOrderState(), new FixedClock()),
      cloudRequest(),
    );
    repository.forgetSaved();
    const run = (expectedVersion: number, variant = 0) =>
      new AddOrderLineHandler(changes).execute(
        new AddOrderLineCommand({ aggregateId: id, expectedVersion, metadata: cloudRequest('corr-2') }, data(variant)),
      );
    return { id, repository, run };
  };

  it('adds the order line and records OrderLineAdded with its values, at the next version', async () => {
    const { id, repository, run } = await setup();
    expect(await run(1)).toEqual({ id, version: 2 });
    expect(repository.events).toEqual([
      expect.objectContaining({ type: 'OrderLineAdded', aggregateId: id, orderLineId, ...aOrderLineState() }),
    ]);
  });

  it('records nothing when the order line is there with the same values', async () => {
    const { repository, run } = await setup();
    await run(1);
    repository.forgetSaved();
    await run(2);
    expect(repository.events).toEqual([]);
  });

  it('refuses its id with other values (ORDER.ORDER_LINE_ID_TAKEN), and saves nothing', async () => {
    const { repository, run } = await setup();
    await run(1);
    repository.forgetSaved();
    await expect(run(2, 1)).rejects.toBeInstanceOf(OrderLineIdTaken);
    expect(repository.saved).toEqual([]);
  });
});
