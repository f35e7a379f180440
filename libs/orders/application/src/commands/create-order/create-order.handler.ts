import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Order, OrderId } from '@bascule/orders/domain';
import { AggregateRef } from '@bascule/shared/application';
import { CLOCK, Clock, Money } from '@bascule/shared/ddd';
import { OrderChanges } from '../../order-changes';
import { CreateOrderCommand } from './create-order.command';

@CommandHandler(CreateOrderCommand)
export class CreateOrderHandler implements ICommandHandler<CreateOrderCommand, AggregateRef> {
  constructor(
    private readonly changes: OrderChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ data, metadata }: CreateOrderCommand): Promise<AggregateRef> {
    const order = Order.create(
      OrderId.generate(),
      {
        clientId: data.clientId,
        total: Money.fromJSON(data.total),
        status: data.status,
        reason: data.reason ?? null,
      },
      this.clock,
    );
    return this.changes.save(order, metadata);
  }
}
