import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRef } from '@bascule/shared/application';
import { StockMoves } from '../../stock-moves';
import { ReleaseStockReservationCommand } from './release-stock-reservation.command';

@CommandHandler(ReleaseStockReservationCommand)
export class ReleaseStockReservationHandler implements ICommandHandler<ReleaseStockReservationCommand, AggregateRef> {
  constructor(private readonly moves: StockMoves) {}

  execute(command: ReleaseStockReservationCommand): Promise<AggregateRef> {
    return this.moves.change(command, (reservation, stock) => reservation.releaseStockReservation(stock));
  }
}
