import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  STOCK_RESERVATION_READ_MODEL,
  StockReservationPage,
  StockReservationReadModel,
} from '../../ports/stock-reservation-read-model';
import { ListStockReservationsQuery } from './list-stock-reservations.query';

@QueryHandler(ListStockReservationsQuery)
export class ListStockReservationsHandler implements IQueryHandler<ListStockReservationsQuery, StockReservationPage> {
  constructor(@Inject(STOCK_RESERVATION_READ_MODEL) private readonly readModel: StockReservationReadModel) {}

  execute({ filter }: ListStockReservationsQuery): Promise<StockReservationPage> {
    return this.readModel.list(filter);
  }
}
