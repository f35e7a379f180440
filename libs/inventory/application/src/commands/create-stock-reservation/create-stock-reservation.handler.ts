import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StockReservation, StockReservationId } from '@bascule/inventory/domain';
import { AggregateRef } from '@bascule/shared/application';
import { CLOCK, Clock, ConcurrencyError } from '@bascule/shared/ddd';
import { StockMoves } from '../../stock-moves';
import { CreateStockReservationCommand } from './create-stock-reservation.command';

/**
 * Reserves an order's lines, all or none, once per order: a reservation made before (reserved or rejected) is
 * the answer to a retry. Two first attempts at once for one order: the second finds the first's row after it
 * (its rows locked), or loses the insert and looks again.
 */
@CommandHandler(CreateStockReservationCommand)
export class CreateStockReservationHandler implements ICommandHandler<CreateStockReservationCommand, AggregateRef> {
  constructor(
    private readonly moves: StockMoves,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ data, metadata }: CreateStockReservationCommand): Promise<AggregateRef> {
    const id = StockReservationId.forOrder(data.orderId).value;
    const reserve = () =>
      this.moves.move(
        id,
        data.lines.map((line) => line.sku),
        metadata,
        (stock, existing) => existing ?? StockReservation.reserve(data.orderId, data.lines, stock, this.clock),
      );
    try {
      return await reserve();
    } catch (error) {
      if (error instanceof ConcurrencyError) return await reserve();
      throw error;
    }
  }
}
