import { Command } from '@nestjs/cqrs';
import { AggregateRef, CommandMetadata } from '@bascule/shared/application';
import { StockReservationStatus } from '@bascule/inventory/domain';

/** What creating a stock reservation takes, as the edges checked it (an optional field may be absent). */
export interface CreateStockReservationData {
  status: StockReservationStatus;
}

export class CreateStockReservationCommand extends Command<AggregateRef> {
  constructor(
    readonly data: CreateStockReservationData,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
