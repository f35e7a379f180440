import { CommandHandler } from '@nestjs/cqrs';
import { Order } from '@bascule/orders/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { OrderChanges } from '../../order-changes';
import { ConfirmOrderCommand } from './confirm-order.command';

@CommandHandler(ConfirmOrderCommand)
export class ConfirmOrderHandler extends ChangeHandler<Order, ConfirmOrderCommand> {
  constructor(changes: OrderChanges) {
    super(changes);
  }

  protected change(order: Order): void {
    order.confirmOrder();
  }
}
