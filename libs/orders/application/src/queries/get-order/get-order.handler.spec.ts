import { OrderNotFound } from '@bascule/orders/domain';
import { aOrderView, InMemoryOrderReadModel } from '../../testing/in-memory-order.read-model';
import { GetOrderHandler } from './get-order.handler';
import { GetOrderQuery } from './get-order.query';

describe('GetOrderHandler', () => {
  it('returns the view', async () => {
    const view = aOrderView();
    const handler = new GetOrderHandler(new InMemoryOrderReadModel([view]));
    expect(await handler.execute(new GetOrderQuery(view.id))).toEqual(view);
  });

  it('refuses an unknown id with OrderNotFound', async () => {
    const handler = new GetOrderHandler(new InMemoryOrderReadModel());
    await expect(handler.execute(new GetOrderQuery('7e9c1d2a-4b3f-4a5e-8c6d-0f1e2d3c4b5a'))).rejects.toBeInstanceOf(
      OrderNotFound,
    );
  });
});
