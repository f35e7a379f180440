import { CommandHandler } from '@nestjs/cqrs';
import { Order } from '@bascule/orders/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { OrderChanges } from '../../order-changes';
import { RemoveOrderLineCommand } from './remove-order-line.command';

@CommandHandler(RemoveOrderLineCommand)
export class RemoveOrderLineHandler extends ChangeHandler<Order, RemoveOrderLineCommand> {
  constructor(changes: OrderChanges) {
    super(changes);
  }

  protected change(order: Order, { data }: RemoveOrderLineCommand): void {
    order.removeOrderLine({ orderLineId: data.orderLineId });
  }
}
