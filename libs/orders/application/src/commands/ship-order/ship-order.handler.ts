import { CommandHandler } from '@nestjs/cqrs';
import { Order } from '@bascule/orders/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { OrderChanges } from '../../order-changes';
import { ShipOrderCommand } from './ship-order.command';

@CommandHandler(ShipOrderCommand)
export class ShipOrderHandler extends ChangeHandler<Order, ShipOrderCommand> {
  constructor(changes: OrderChanges) {
    super(changes);
  }

  protected change(order: Order): void {
    order.shipOrder();
  }
}
