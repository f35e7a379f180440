import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StockReservation, StockReservationId } from '@bascule/inventory/domain';
import { AggregateRef } from '@bascule/shared/application';
import { CLOCK, Clock } from '@bascule/shared/ddd';
import { StockReservationChanges } from '../../stock-reservation-changes';
import { CreateStockReservationCommand } from './create-stock-reservation.command';

@CommandHandler(CreateStockReservationCommand)
export class CreateStockReservationHandler implements ICommandHandler<CreateStockReservationCommand, AggregateRef> {
  constructor(
    private readonly changes: StockReservationChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ data, metadata }: CreateStockReservationCommand): Promise<AggregateRef> {
    const stockReservation = StockReservation.create(
      StockReservationId.generate(),
      {
        status: data.status,
      },
      this.clock,
    );
    return this.changes.save(stockReservation, metadata);
  }
}
