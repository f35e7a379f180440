import { CommandHandler } from '@nestjs/cqrs';
import { StockReservation } from '@bascule/inventory/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { StockReservationChanges } from '../../stock-reservation-changes';
import { CommitStockReservationCommand } from './commit-stock-reservation.command';

@CommandHandler(CommitStockReservationCommand)
export class CommitStockReservationHandler extends ChangeHandler<StockReservation, CommitStockReservationCommand> {
  constructor(changes: StockReservationChanges) {
    super(changes);
  }

  protected change(stockReservation: StockReservation): void {
    stockReservation.commitStockReservation();
  }
}
