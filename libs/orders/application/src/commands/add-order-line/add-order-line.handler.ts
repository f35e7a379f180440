import { CommandHandler } from '@nestjs/cqrs';
import { Order } from '@bascule/orders/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { Money } from '@bascule/shared/ddd';
import { OrderChanges } from '../../order-changes';
import { AddOrderLineCommand } from './add-order-line.command';

@CommandHandler(AddOrderLineCommand)
export class AddOrderLineHandler extends ChangeHandler<Order, AddOrderLineCommand> {
  constructor(changes: OrderChanges) {
    super(changes);
  }

  protected change(order: Order, { data }: AddOrderLineCommand): void {
    order.addOrderLine({
      orderLineId: data.orderLineId,
      sku: data.sku,
      quantity: data.quantity,
      unitPrice: Money.fromJSON(data.unitPrice),
      lineTotal: Money.fromJSON(data.lineTotal),
    });
  }
}
