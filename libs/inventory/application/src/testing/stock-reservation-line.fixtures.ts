import { StockReservationLineState } from '@bascule/inventory/domain';

/** A stock reservation line's state for specs: a value in each field (`variant` picks others), or those given. */
export const aStockReservationLineState = (
  overrides: Partial<StockReservationLineState> = {},
  variant = 0,
): StockReservationLineState => ({
  sku: variant ? 'Second sku' : 'First sku',
  quantity: variant ? 43 : 42,
  ...overrides,
});
