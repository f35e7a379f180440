import { Controller, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  GetOrderQuery,
  OrderView,
  AddOrderLineCommand,
  RemoveOrderLineCommand,
  ConfirmOrderCommand,
  RejectOrderCommand,
  ShipOrderCommand,
  CancelOrderCommand,
} from '@bascule/orders/application';
import { AggregateCommand } from '@bascule/shared/application';
import { Roles } from '@bascule/shared/auth';
import { ChangeOperation, ChangeRequest, EtagInterceptor } from '@bascule/shared/http';
import { OrderSchema, AddOrderLineBody, RemoveOrderLineBody, RejectOrderBody, CancelOrderBody } from './order.schemas';

const answer = OrderSchema;

/** Changes of one order: each requires If-Match and answers with it and its new ETag. */
@ApiTags('orders')
@Controller('orders/:id')
@UseInterceptors(EtagInterceptor)
export class OrdersCommandsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Roles('orders:write')
  @ChangeOperation('add-order-line', { summary: 'Add order line', answer, body: AddOrderLineBody })
  addOrderLine(@ChangeRequest(AddOrderLineBody) { target, body }: ChangeRequest<AddOrderLineBody>) {
    return this.run(new AddOrderLineCommand(target, body));
  }

  @Roles('orders:write')
  @ChangeOperation('remove-order-line', { summary: 'Remove order line', answer, body: RemoveOrderLineBody })
  removeOrderLine(@ChangeRequest(RemoveOrderLineBody) { target, body }: ChangeRequest<RemoveOrderLineBody>) {
    return this.run(new RemoveOrderLineCommand(target, body));
  }

  @Roles('orders:write')
  @ChangeOperation('confirm-order', { summary: 'Confirm order', answer })
  confirmOrder(@ChangeRequest() { target }: ChangeRequest) {
    return this.run(new ConfirmOrderCommand(target));
  }

  @Roles('orders:write')
  @ChangeOperation('reject-order', { summary: 'Reject order', answer, body: RejectOrderBody })
  rejectOrder(@ChangeRequest(RejectOrderBody) { target, body }: ChangeRequest<RejectOrderBody>) {
    return this.run(new RejectOrderCommand(target, body));
  }

  @Roles('orders:write')
  @ChangeOperation('ship-order', { summary: 'Ship order', answer })
  shipOrder(@ChangeRequest() { target }: ChangeRequest) {
    return this.run(new ShipOrderCommand(target));
  }

  @Roles('orders:write')
  @ChangeOperation('cancel-order', { summary: 'Cancel order', answer, body: CancelOrderBody })
  cancelOrder(@ChangeRequest(CancelOrderBody) { target, body }: ChangeRequest<CancelOrderBody>) {
    return this.run(new CancelOrderCommand(target, body));
  }

  private async run(command: AggregateCommand<unknown>): Promise<OrderView> {
    const { id } = await this.commands.execute(command);
    return this.queries.execute(new GetOrderQuery(id));
  }
}
