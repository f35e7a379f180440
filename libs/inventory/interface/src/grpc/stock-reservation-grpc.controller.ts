import { Controller } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { GrpcMethod } from '@nestjs/microservices';
import {
  CreateStockReservationCommand,
  GetStockReservationQuery,
  ListStockReservationsQuery,
  ReleaseStockReservationCommand,
  CommitStockReservationCommand,
} from '@bascule/inventory/application';
import { STOCK_RESERVATION_GRPC_SERVICE } from '@bascule/inventory/contracts';
import { Roles } from '@bascule/shared/auth';
import { RpcCall, RpcChange } from '@bascule/shared/grpc';
import {
  CreateStockReservationRequest,
  GetStockReservationRequest,
  ListStockReservationsRequest,
  StockReservationVersionRequest,
} from './stock-reservation-grpc.schemas';

/** `bascule.inventory.v1.StockReservationService`: checks each message, then runs the same commands and queries as REST. */
@Controller()
export class StockReservationGrpcController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @GrpcMethod(STOCK_RESERVATION_GRPC_SERVICE, 'CreateStockReservation')
  @Roles('inventory:write')
  create(@RpcCall(CreateStockReservationRequest) { request, metadata }: RpcCall<CreateStockReservationRequest>) {
    return this.commands.execute(new CreateStockReservationCommand(request, metadata));
  }

  @GrpcMethod(STOCK_RESERVATION_GRPC_SERVICE, 'GetStockReservation')
  @Roles('inventory:read')
  get(@RpcCall(GetStockReservationRequest) { request }: RpcCall<GetStockReservationRequest>) {
    return this.queries.execute(new GetStockReservationQuery(request.id));
  }

  @GrpcMethod(STOCK_RESERVATION_GRPC_SERVICE, 'ListStockReservations')
  @Roles('inventory:read')
  async list(@RpcCall(ListStockReservationsRequest) { request }: RpcCall<ListStockReservationsRequest>) {
    const page = await this.queries.execute(
      new ListStockReservationsQuery({ cursor: request.cursor, limit: request.limit || 20 }),
    );
    return { items: page.items, nextCursor: page.nextCursor ?? undefined };
  }

  @GrpcMethod(STOCK_RESERVATION_GRPC_SERVICE, 'ReleaseStockReservation')
  @Roles('inventory:write')
  releaseStockReservation(
    @RpcChange(StockReservationVersionRequest) { target }: RpcChange<StockReservationVersionRequest>,
  ) {
    return this.commands.execute(new ReleaseStockReservationCommand(target));
  }

  @GrpcMethod(STOCK_RESERVATION_GRPC_SERVICE, 'CommitStockReservation')
  @Roles('inventory:write')
  commitStockReservation(
    @RpcChange(StockReservationVersionRequest) { target }: RpcChange<StockReservationVersionRequest>,
  ) {
    return this.commands.execute(new CommitStockReservationCommand(target));
  }
}
