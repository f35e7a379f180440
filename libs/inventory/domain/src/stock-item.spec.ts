import { FixedClock, Money } from '@bascule/shared/ddd';
import { StockItem, StockItemState } from './stock-item';
import { StockItemId } from './stock-item-id';

describe('StockItem', () => {
  const state: StockItemState = {
    sku: 'First sku',
    label: 'First label',
    unitPrice: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
    onHand: 42,
    reserved: 42,
  };

  it('is created at version 1 with a StockItemCreated event carrying its state', () => {
    const clock = new FixedClock(new Date('2026-03-01T10:00:00Z'));
    const stockItem = StockItem.create(StockItemId.generate(), state, clock);
    expect(stockItem.version).toBe(1);
    expect(stockItem.snapshot).toEqual(state);
    expect(stockItem.pendingEvents).toEqual([
      {
        type: 'StockItemCreated',
        aggregateId: stockItem.id.value,
        aggregateVersion: 1,
        occurredAt: clock.now(),
        ...state,
      },
    ]);
  });
});
