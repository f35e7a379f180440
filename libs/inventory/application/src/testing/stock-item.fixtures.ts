import { NewStockItem } from '@bascule/inventory/domain';
import { Money } from '@bascule/shared/ddd';

/** A stock item's state for specs: a value in each field, or those given. */
export const aStockItemState = (overrides: Partial<NewStockItem> = {}): NewStockItem => ({
  sku: 'First sku',
  label: 'First label',
  unitPrice: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
  onHand: 42,
  ...overrides,
});
