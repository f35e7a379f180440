import { StockItem, StockItemId } from '@bascule/inventory/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { FixedClock, Money } from '@bascule/shared/ddd';
import { StockItemChanges } from '../../stock-item-changes';
import { CreateStockItemCommand, CreateStockItemData } from './create-stock-item.command';
import { CreateStockItemHandler } from './create-stock-item.handler';

describe('CreateStockItemHandler', () => {
  const setup = () => {
    const repository = new InMemoryAggregateRepository<StockItem>();
    return { repository, handler: new CreateStockItemHandler(new StockItemChanges(repository), new FixedClock()) };
  };
  const data: CreateStockItemData = {
    sku: 'First sku',
    label: 'First label',
    unitPrice: { amount: 1250, currency: 'EUR' },
    onHand: 42,
  };

  it('creates at version 1 and saves the creation event, its fields in the domain’s types, with the request metadata', async () => {
    const { repository, handler } = setup();
    const ref = await handler.execute(new CreateStockItemCommand(data, cloudRequest('corr-1')));
    expect(ref).toEqual({ id: StockItemId.forSku('First sku').value, version: 1 });
    expect(repository.saved).toEqual([
      {
        events: [
          expect.objectContaining({
            type: 'StockItemCreated',
            aggregateId: ref.id,
            sku: 'First sku',
            label: 'First label',
            unitPrice: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
            vatRate: 2000,
            onHand: 42,
            reserved: 0,
          }),
        ],
        metadata: cloudRequest('corr-1'),
      },
    ]);
  });
});
