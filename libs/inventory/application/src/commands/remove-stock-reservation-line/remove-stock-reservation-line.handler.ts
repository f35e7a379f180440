import { CommandHandler } from '@nestjs/cqrs';
import { StockReservation } from '@bascule/inventory/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { StockReservationChanges } from '../../stock-reservation-changes';
import { RemoveStockReservationLineCommand } from './remove-stock-reservation-line.command';

@CommandHandler(RemoveStockReservationLineCommand)
export class RemoveStockReservationLineHandler extends ChangeHandler<
  StockReservation,
  RemoveStockReservationLineCommand
> {
  constructor(changes: StockReservationChanges) {
    super(changes);
  }

  protected change(stockReservation: StockReservation, { data }: RemoveStockReservationLineCommand): void {
    stockReservation.removeStockReservationLine({ stockReservationLineId: data.stockReservationLineId });
  }
}
