import { StockReservation } from '@bascule/inventory/domain';
import { AggregateRepository } from '@bascule/shared/application';

export type StockReservationRepository = AggregateRepository<StockReservation>;

export const STOCK_RESERVATION_REPOSITORY = Symbol('StockReservationRepository');
