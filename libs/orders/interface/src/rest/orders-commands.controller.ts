import { Controller, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  GetOrderQuery,
  OrderView,
  ConfirmOrderCommand,
  RejectOrderCommand,
  ShipOrderCommand,
  CancelOrderCommand,
} from '@bascule/orders/application';
import { AggregateCommand } from '@bascule/shared/application';
import { Roles } from '@bascule/shared/auth';
import { ChangeOperation, ChangeRequest, EtagInterceptor } from '@bascule/shared/http';
import { OrderSchema, RejectOrderBody, CancelOrderBody } from './order.schemas';

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

  @Roles('orders:admin')
  @ChangeOperation('confirm', { summary: 'Confirm the order (back office)', answer })
  confirmOrder(@ChangeRequest() { target }: ChangeRequest) {
    return this.run(new ConfirmOrderCommand(target));
  }

  @Roles('orders:admin')
  @ChangeOperation('reject', { summary: 'Reject the order (back office)', answer, body: RejectOrderBody })
  rejectOrder(@ChangeRequest(RejectOrderBody) { target, body }: ChangeRequest<RejectOrderBody>) {
    return this.run(new RejectOrderCommand(target, body));
  }

  @Roles('orders:admin')
  @ChangeOperation('ship', { summary: 'Ship the order (back office)', answer })
  shipOrder(@ChangeRequest() { target }: ChangeRequest) {
    return this.run(new ShipOrderCommand(target));
  }

  @Roles('orders:write')
  @ChangeOperation('cancel', {
    summary:
      'Cancel the order: a PENDING one at once (CANCELLED), a CONFIRMED one once refunded (CANCELLING until then)',
    answer,
    body: CancelOrderBody,
  })
  cancelOrder(@ChangeRequest(CancelOrderBody) { target, body }: ChangeRequest<CancelOrderBody>) {
    return this.run(new CancelOrderCommand(target, body));
  }

  private async run(command: AggregateCommand<unknown>): Promise<OrderView> {
    const { id } = await this.commands.execute(command);
    return this.queries.execute(new GetOrderQuery(id));
  }
}
