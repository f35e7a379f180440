import { CommandHandler } from '@nestjs/cqrs';
import { Order } from '@bascule/orders/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { OrderChanges } from '../../order-changes';
import { CompleteOrderCancellationCommand } from './complete-order-cancellation.command';

@CommandHandler(CompleteOrderCancellationCommand)
export class CompleteOrderCancellationHandler extends ChangeHandler<Order, CompleteOrderCancellationCommand> {
  constructor(changes: OrderChanges) {
    super(changes);
  }

  protected change(order: Order): void {
    order.completeCancellation();
  }
}
