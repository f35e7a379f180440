import { CommandHandler } from '@nestjs/cqrs';
import { Order } from '@bascule/orders/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { OrderChanges } from '../../order-changes';
import { CancelOrderCommand } from './cancel-order.command';

@CommandHandler(CancelOrderCommand)
export class CancelOrderHandler extends ChangeHandler<Order, CancelOrderCommand> {
  constructor(changes: OrderChanges) {
    super(changes);
  }

  protected change(order: Order, { data }: CancelOrderCommand): void {
    order.cancelOrder({ reason: data.reason });
  }
}
