import { StockItem } from '@bascule/inventory/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { FixedClock, Money } from '@bascule/shared/ddd';
import { StockItemChanges } from '../../stock-item-changes';
import { aStockItemState } from '../../testing/stock-item.fixtures';
import { ChangeStockItemPriceCommand, ChangeStockItemPriceData } from './change-stock-item-price.command';
import { ChangeStockItemPriceHandler } from './change-stock-item-price.handler';

describe('ChangeStockItemPriceHandler', () => {
  const data: ChangeStockItemPriceData = { unitPrice: { amount: 1251, currency: 'EUR' } };
  const setup = async (state = aStockItemState()) => {
    const repository = new InMemoryAggregateRepository<StockItem>();
    const changes = new StockItemChanges(repository);
    const { id } = await changes.save(StockItem.create(state, new FixedClock()), cloudRequest());
    repository.forgetSaved();
    const target = { aggregateId: id, expectedVersion: 1, metadata: cloudRequest('corr-2') };
    const run = () => new ChangeStockItemPriceHandler(changes).execute(new ChangeStockItemPriceCommand(target, data));
    return { id, repository, run };
  };

  it('records StockItemPriceChanged with what changed, and returns the next version', async () => {
    const { id, repository, run } = await setup();
    expect(await run()).toEqual({ id, version: 2 });
    expect(repository.events).toEqual([
      expect.objectContaining({
        type: 'StockItemPriceChanged',
        aggregateId: id,
        sku: 'First sku',
        label: 'First label',
        unitPrice: Money.fromJSON({ amount: 1251, currency: 'EUR' }),
      }),
    ]);
  });

  it('records nothing when it would change nothing', async () => {
    const { repository, run } = await setup(
      aStockItemState({ unitPrice: Money.fromJSON({ amount: 1251, currency: 'EUR' }) }),
    );
    await run();
    expect(repository.events).toEqual([]);
  });
});
