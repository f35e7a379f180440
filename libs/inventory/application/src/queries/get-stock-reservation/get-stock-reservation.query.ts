import { Query } from '@nestjs/cqrs';
import { StockReservationView } from '../../ports/stock-reservation-read-model';

export class GetStockReservationQuery extends Query<StockReservationView> {
  constructor(readonly id: string) {
    super();
  }
}
