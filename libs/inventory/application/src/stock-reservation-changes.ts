import { Inject, Injectable } from '@nestjs/common';
import { StockReservation, StockReservationNotFound } from '@bascule/inventory/domain';
import { AggregateChanges } from '@bascule/shared/application';
import { STOCK_RESERVATION_REPOSITORY, StockReservationRepository } from './ports/stock-reservation.repository';

/** The load → check version → change → save sequence, for stock reservations. */
@Injectable()
export class StockReservationChanges extends AggregateChanges<StockReservation> {
  constructor(@Inject(STOCK_RESERVATION_REPOSITORY) repository: StockReservationRepository) {
    super(repository, { name: 'stock-reservation', notFound: (id) => new StockReservationNotFound(id) });
  }
}
