import { CommandHandler } from '@nestjs/cqrs';
import { Order } from '@bascule/orders/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { OrderChanges } from '../../order-changes';
import { RejectOrderCommand } from './reject-order.command';

@CommandHandler(RejectOrderCommand)
export class RejectOrderHandler extends ChangeHandler<Order, RejectOrderCommand> {
  constructor(changes: OrderChanges) {
    super(changes);
  }

  protected change(order: Order, { data }: RejectOrderCommand): void {
    order.rejectOrder({ reason: data.reason });
  }
}
