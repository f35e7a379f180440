import { Command } from '@nestjs/cqrs';
import { AggregateRef, CommandMetadata } from '@bascule/shared/application';
import { MoneyJson } from '@bascule/shared/contracts';
import { OrderStatus } from '@bascule/orders/domain';

/** What creating a order takes, as the edges checked it (an optional field may be absent). */
export interface CreateOrderData {
  clientId: string;
  total: MoneyJson;
  status: OrderStatus;
  reason?: string;
}

export class CreateOrderCommand extends Command<AggregateRef> {
  constructor(
    readonly data: CreateOrderData,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
