import { CommandHandler } from '@nestjs/cqrs';
import { StockReservation } from '@bascule/inventory/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { StockReservationChanges } from '../../stock-reservation-changes';
import { AddStockReservationLineCommand } from './add-stock-reservation-line.command';

@CommandHandler(AddStockReservationLineCommand)
export class AddStockReservationLineHandler extends ChangeHandler<StockReservation, AddStockReservationLineCommand> {
  constructor(changes: StockReservationChanges) {
    super(changes);
  }

  protected change(stockReservation: StockReservation, { data }: AddStockReservationLineCommand): void {
    stockReservation.addStockReservationLine({
      stockReservationLineId: data.stockReservationLineId,
      sku: data.sku,
      quantity: data.quantity,
    });
  }
}
