import { Controller } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { GrpcMethod } from '@nestjs/microservices';
import {
  PlaceOrderCommand,
  GetOrderQuery,
  ListOrdersQuery,
  ConfirmOrderCommand,
  RejectOrderCommand,
  ShipOrderCommand,
  CancelOrderCommand,
} from '@bascule/orders/application';
import { ORDERS_GRPC_SERVICE } from '@bascule/orders/contracts';
import { Roles } from '@bascule/shared/auth';
import { RpcCall, RpcChange } from '@bascule/shared/grpc';
import {
  PlaceOrderRequest,
  GetOrderRequest,
  ListOrdersRequest,
  OrderVersionRequest,
  RejectOrderRequest,
  CancelOrderRequest,
} from './order-grpc.schemas';

/** `bascule.orders.v1.OrderService`: checks each message, then runs the same commands and queries as REST. */
@Controller()
export class OrderGrpcController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @GrpcMethod(ORDERS_GRPC_SERVICE, 'PlaceOrder')
  @Roles('orders:write')
  place(@RpcCall(PlaceOrderRequest) { request, metadata }: RpcCall<PlaceOrderRequest>) {
    return this.commands.execute(new PlaceOrderCommand(request, metadata));
  }

  @GrpcMethod(ORDERS_GRPC_SERVICE, 'GetOrder')
  @Roles('orders:read')
  get(@RpcCall(GetOrderRequest) { request }: RpcCall<GetOrderRequest>) {
    return this.queries.execute(new GetOrderQuery(request.id));
  }

  @GrpcMethod(ORDERS_GRPC_SERVICE, 'ListOrders')
  @Roles('orders:read')
  async list(@RpcCall(ListOrdersRequest) { request }: RpcCall<ListOrdersRequest>) {
    const page = await this.queries.execute(
      new ListOrdersQuery({
        clientId: request.clientId,
        status: request.status,
        cursor: request.cursor,
        limit: request.limit || 20,
      }),
    );
    return { items: page.items, nextCursor: page.nextCursor ?? undefined };
  }

  @GrpcMethod(ORDERS_GRPC_SERVICE, 'ConfirmOrder')
  @Roles('orders:admin')
  confirmOrder(@RpcChange(OrderVersionRequest) { target }: RpcChange<OrderVersionRequest>) {
    return this.commands.execute(new ConfirmOrderCommand(target));
  }

  @GrpcMethod(ORDERS_GRPC_SERVICE, 'RejectOrder')
  @Roles('orders:admin')
  rejectOrder(@RpcChange(RejectOrderRequest) { target, request }: RpcChange<RejectOrderRequest>) {
    return this.commands.execute(new RejectOrderCommand(target, { reason: request.reason }));
  }

  @GrpcMethod(ORDERS_GRPC_SERVICE, 'ShipOrder')
  @Roles('orders:admin')
  shipOrder(@RpcChange(OrderVersionRequest) { target }: RpcChange<OrderVersionRequest>) {
    return this.commands.execute(new ShipOrderCommand(target));
  }

  @GrpcMethod(ORDERS_GRPC_SERVICE, 'CancelOrder')
  @Roles('orders:write')
  cancelOrder(@RpcChange(CancelOrderRequest) { target, request }: RpcChange<CancelOrderRequest>) {
    return this.commands.execute(new CancelOrderCommand(target, { reason: request.reason }));
  }
}
