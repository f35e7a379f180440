import { aOrderView, InMemoryOrderReadModel } from '../../testing/in-memory-order.read-model';
import { ListOrdersHandler } from './list-orders.handler';
import { ListOrdersQuery } from './list-orders.query';

describe('ListOrdersHandler', () => {
  const views = [1, 2, 3].map((n) => aOrderView({ id: `00000000-0000-4000-8000-00000000000${n}` }));
  const handler = new ListOrdersHandler(new InMemoryOrderReadModel(views));

  it('returns a page, with a cursor when more follow', async () => {
    const first = await handler.execute(new ListOrdersQuery({ limit: 2 }));
    expect(first).toEqual({ items: views.slice(0, 2), nextCursor: views[1].id });
    const next = await handler.execute(new ListOrdersQuery({ limit: 2, cursor: first.nextCursor! }));
    expect(next).toEqual({ items: [views[2]], nextCursor: null });
  });
});
