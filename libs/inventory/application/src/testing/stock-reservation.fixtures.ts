import { StockReservationState } from '@bascule/inventory/domain';

/** A stock reservation's state for specs: a value in each field, or those given. */
export const aStockReservationState = (overrides: Partial<StockReservationState> = {}): StockReservationState => ({
  status: 'RESERVED',
  ...overrides,
});
