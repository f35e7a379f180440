import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRef } from '@bascule/shared/application';
import { StockMoves } from '../../stock-moves';
import { CommitStockReservationCommand } from './commit-stock-reservation.command';

@CommandHandler(CommitStockReservationCommand)
export class CommitStockReservationHandler implements ICommandHandler<CommitStockReservationCommand, AggregateRef> {
  constructor(private readonly moves: StockMoves) {}

  execute(command: CommitStockReservationCommand): Promise<AggregateRef> {
    return this.moves.change(command, (reservation, stock) => reservation.commitStockReservation(stock));
  }
}
