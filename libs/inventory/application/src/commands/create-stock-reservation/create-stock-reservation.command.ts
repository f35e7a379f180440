import { Command } from '@nestjs/cqrs';
import { RequestedLine } from '@bascule/inventory/domain';
import { AggregateRef, CommandMetadata } from '@bascule/shared/application';

/** An order's reservation: its id and lines, as the edges checked them. */
export interface CreateStockReservationData {
  orderId: string;
  lines: RequestedLine[];
}

export class CreateStockReservationCommand extends Command<AggregateRef> {
  constructor(
    readonly data: CreateStockReservationData,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
