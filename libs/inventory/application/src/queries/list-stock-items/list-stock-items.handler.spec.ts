import { aStockItemView, InMemoryStockItemReadModel } from '../../testing/in-memory-stock-item.read-model';
import { ListStockItemsHandler } from './list-stock-items.handler';
import { ListStockItemsQuery } from './list-stock-items.query';

describe('ListStockItemsHandler', () => {
  const views = [1, 2, 3].map((n) => aStockItemView({ id: `00000000-0000-4000-8000-00000000000${n}` }));
  const handler = new ListStockItemsHandler(new InMemoryStockItemReadModel(views));

  it('returns a page, with a cursor when more follow', async () => {
    const first = await handler.execute(new ListStockItemsQuery({ limit: 2 }));
    expect(first).toEqual({ items: views.slice(0, 2), nextCursor: views[1].id });
    const next = await handler.execute(new ListStockItemsQuery({ limit: 2, cursor: first.nextCursor! }));
    expect(next).toEqual({ items: [views[2]], nextCursor: null });
  });
});
