import { Query } from '@nestjs/cqrs';
import { StockReservationPage } from '../../ports/stock-reservation-read-model';

export class ListStockReservationsQuery extends Query<StockReservationPage> {
  constructor(readonly filter: { cursor?: string; limit: number }) {
    super();
  }
}
