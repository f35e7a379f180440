import { Controller } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { GrpcMethod } from '@nestjs/microservices';
import {
  CreateStockItemCommand,
  GetStockItemQuery,
  ListStockItemsQuery,
  ChangeStockItemPriceCommand,
  RestockStockItemCommand,
  AdjustStockItemCommand,
  ChangeStockItemVatRateCommand,
} from '@bascule/inventory/application';
import { StockItemId } from '@bascule/inventory/domain';
import { INVENTORY_GRPC_SERVICE } from '@bascule/inventory/contracts';
import { Roles } from '@bascule/shared/auth';
import { RpcCall, RpcChange } from '@bascule/shared/grpc';
import {
  CreateStockItemRequest,
  GetStockItemRequest,
  ListStockItemsRequest,
  ChangeStockItemPriceRequest,
  RestockStockItemRequest,
  AdjustStockItemRequest,
  stockItemIdOf,
  ChangeStockItemVatRateRequest,
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
    return this.queries.execute(new GetStockItemQuery(StockItemId.forSku(request.sku).value));
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
    @RpcChange(ChangeStockItemPriceRequest, stockItemIdOf) { target, request }: RpcChange<ChangeStockItemPriceRequest>,
  ) {
    return this.commands.execute(new ChangeStockItemPriceCommand(target, { unitPrice: request.unitPrice }));
  }

  @GrpcMethod(INVENTORY_GRPC_SERVICE, 'RestockStockItem')
  @Roles('inventory:write')
  restockStockItem(
    @RpcChange(RestockStockItemRequest, stockItemIdOf) { target, request }: RpcChange<RestockStockItemRequest>,
  ) {
    return this.commands.execute(new RestockStockItemCommand(target, { quantity: request.quantity }));
  }

  @GrpcMethod(INVENTORY_GRPC_SERVICE, 'AdjustStockItem')
  @Roles('inventory:write')
  adjustStockItem(
    @RpcChange(AdjustStockItemRequest, stockItemIdOf) { target, request }: RpcChange<AdjustStockItemRequest>,
  ) {
    return this.commands.execute(new AdjustStockItemCommand(target, { delta: request.delta, reason: request.reason }));
  }

  @GrpcMethod(INVENTORY_GRPC_SERVICE, 'ChangeStockItemVatRate')
  @Roles('inventory:write')
  changeStockItemVatRate(
    @RpcChange(ChangeStockItemVatRateRequest, stockItemIdOf)
    { target, request }: RpcChange<ChangeStockItemVatRateRequest>,
  ) {
    return this.commands.execute(new ChangeStockItemVatRateCommand(target, { vatRate: request.vatRate }));
  }
}
