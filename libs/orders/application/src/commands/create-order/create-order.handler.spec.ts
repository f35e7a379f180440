import { Order } from '@bascule/orders/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { FixedClock, Money } from '@bascule/shared/ddd';
import { OrderChanges } from '../../order-changes';
import { CreateOrderCommand, CreateOrderData } from './create-order.command';
import { CreateOrderHandler } from './create-order.handler';

describe('CreateOrderHandler', () => {
  const setup = () => {
    const repository = new InMemoryAggregateRepository<Order>();
    return { repository, handler: new CreateOrderHandler(new OrderChanges(repository), new FixedClock()) };
  };
  const data: CreateOrderData = {
    clientId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
    total: { amount: 1250, currency: 'EUR' },
    status: 'PENDING',
    reason: 'Some reason text',
  };

  it('creates at version 1 and saves the creation event, its fields in the domain’s types, with the request metadata', async () => {
    const { repository, handler } = setup();
    const ref = await handler.execute(new CreateOrderCommand(data, cloudRequest('corr-1')));
    expect(ref.version).toBe(1);
    expect(repository.saved).toEqual([
      {
        events: [
          expect.objectContaining({
            type: 'OrderCreated',
            aggregateId: ref.id,
            clientId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
            total: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
            status: 'PENDING',
            reason: 'Some reason text',
          }),
        ],
        metadata: cloudRequest('corr-1'),
      },
    ]);
  });

  it('stores an optional field left out as null', async () => {
    const { repository, handler } = setup();
    const required: CreateOrderData = { clientId: data.clientId, total: data.total, status: data.status };
    await handler.execute(new CreateOrderCommand(required, cloudRequest()));
    expect(repository.saved[0].events[0]).toMatchObject({ reason: null });
  });
});
