import { StockItemNotFound } from '@bascule/inventory/domain';
import { aStockItemView, InMemoryStockItemReadModel } from '../../testing/in-memory-stock-item.read-model';
import { GetStockItemHandler } from './get-stock-item.handler';
import { GetStockItemQuery } from './get-stock-item.query';

describe('GetStockItemHandler', () => {
  it('returns the view', async () => {
    const view = aStockItemView();
    const handler = new GetStockItemHandler(new InMemoryStockItemReadModel([view]));
    expect(await handler.execute(new GetStockItemQuery(view.id))).toEqual(view);
  });

  it('refuses an unknown id with StockItemNotFound', async () => {
    const handler = new GetStockItemHandler(new InMemoryStockItemReadModel());
    await expect(handler.execute(new GetStockItemQuery('7e9c1d2a-4b3f-4a5e-8c6d-0f1e2d3c4b5a'))).rejects.toBeInstanceOf(
      StockItemNotFound,
    );
  });
});
