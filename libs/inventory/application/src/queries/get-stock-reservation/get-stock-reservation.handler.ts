import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { StockReservationNotFound } from '@bascule/inventory/domain';
import {
  STOCK_RESERVATION_READ_MODEL,
  StockReservationReadModel,
  StockReservationView,
} from '../../ports/stock-reservation-read-model';
import { GetStockReservationQuery } from './get-stock-reservation.query';

@QueryHandler(GetStockReservationQuery)
export class GetStockReservationHandler implements IQueryHandler<GetStockReservationQuery, StockReservationView> {
  constructor(@Inject(STOCK_RESERVATION_READ_MODEL) private readonly readModel: StockReservationReadModel) {}

  async execute({ id }: GetStockReservationQuery): Promise<StockReservationView> {
    const view = await this.readModel.get(id);
    if (!view) throw new StockReservationNotFound(id);
    return view;
  }
}
