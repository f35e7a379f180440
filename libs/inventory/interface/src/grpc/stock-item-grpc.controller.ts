import { Controller } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { GrpcMethod } from '@nestjs/microservices';
import {
  CreateStockItemCommand,
  GetStockItemQuery,
  ListStockItemsQuery,
  ChangeStockItemPriceCommand,
} from '@bascule/inventory/application';
import { INVENTORY_GRPC_SERVICE } from '@bascule/inventory/contracts';
import { Roles } from '@bascule/shared/auth';
import { RpcCall, RpcChange } from '@bascule/shared/grpc';
import {
  CreateStockItemRequest,
  GetStockItemRequest,
  ListStockItemsRequest,
  ChangeStockItemPriceRequest,
} from './stock-item-grpc.schemas';

/** `bascule.inventory.v1.StockItemService`: checks each message, then runs the same commands and queries as REST. */
@Controller()
export class StockItemGrpcController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @GrpcMethod(INVENTORY_GRPC_SERVICE, 'CreateStockItem')
  @Roles('inventory:write')
  create(@RpcCall(CreateStockItemRequest) { request, metadata }: RpcCall<CreateStockItemRequest>) {
    return this.commands.execute(new CreateStockItemCommand(request, metadata));
  }

  @GrpcMethod(INVENTORY_GRPC_SERVICE, 'GetStockItem')
  @Roles('inventory:read')
  get(@RpcCall(GetStockItemRequest) { request }: RpcCall<GetStockItemRequest>) {
    return this.queries.execute(new GetStockItemQuery(request.id));
  }

  @GrpcMethod(INVENTORY_GRPC_SERVICE, 'ListStockItems')
  @Roles('inventory:read')
  async list(@RpcCall(ListStockItemsRequest) { request }: RpcCall<ListStockItemsRequest>) {
    const page = await this.queries.execute(
      new ListStockItemsQuery({ cursor: request.cursor, limit: request.limit || 20 }),
    );
    return { items: page.items, nextCursor: page.nextCursor ?? undefined };
  }

  @GrpcMethod(INVENTORY_GRPC_SERVICE, 'ChangeStockItemPrice')
  @Roles('inventory:write')
  changeStockItemPrice(
    @RpcChange(ChangeStockItemPriceRequest) { target, request }: RpcChange<ChangeStockItemPriceRequest>,
  ) {
    return this.commands.execute(new ChangeStockItemPriceCommand(target, { unitPrice: request.unitPrice }));
  }
}
