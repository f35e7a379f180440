import { StockItem } from '@bascule/inventory/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { FixedClock } from '@bascule/shared/ddd';
import { StockItemChanges } from '../../stock-item-changes';
import { aStockItemState } from '../../testing/stock-item.fixtures';
import { ChangeStockItemVatRateCommand, ChangeStockItemVatRateData } from './change-stock-item-vat-rate.command';
import { ChangeStockItemVatRateHandler } from './change-stock-item-vat-rate.handler';

describe('ChangeStockItemVatRateHandler', () => {
  const data: ChangeStockItemVatRateData = { vatRate: 1000 };
  const setup = async (state = aStockItemState()) => {
    const repository = new InMemoryAggregateRepository<StockItem>();
    const changes = new StockItemChanges(repository);
    const { id } = await changes.save(StockItem.create(state, new FixedClock()), cloudRequest());
    repository.forgetSaved();
    const target = { aggregateId: id, expectedVersion: 1, metadata: cloudRequest('corr-2') };
    const run = () =>
      new ChangeStockItemVatRateHandler(changes).execute(new ChangeStockItemVatRateCommand(target, data));
    return { id, repository, run };
  };

  it('records StockItemVatRateChanged with what changed, and returns the next version', async () => {
    const { id, repository, run } = await setup();
    expect(await run()).toEqual({ id, version: 2 });
    expect(repository.events).toEqual([
      expect.objectContaining({
        type: 'StockItemVatRateChanged',
        aggregateId: id,
        sku: 'First sku',
        vatRate: 1000,
      }),
    ]);
  });

  it('records nothing when it would change nothing', async () => {
    const { repository, run } = await setup(aStockItemState({ vatRate: 1000 }));
    await run();
    expect(repository.events).toEqual([]);
  });
});
