import { CommandHandler } from '@nestjs/cqrs';
import { StockReservation } from '@bascule/inventory/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { StockReservationChanges } from '../../stock-reservation-changes';
import { ReleaseStockReservationCommand } from './release-stock-reservation.command';

@CommandHandler(ReleaseStockReservationCommand)
export class ReleaseStockReservationHandler extends ChangeHandler<StockReservation, ReleaseStockReservationCommand> {
  constructor(changes: StockReservationChanges) {
    super(changes);
  }

  protected change(stockReservation: StockReservation): void {
    stockReservation.releaseStockReservation();
  }
}
