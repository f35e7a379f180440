import { Controller } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { GrpcMethod } from '@nestjs/microservices';
import {
  ChangeClientAddressCommand,
  ChangeClientEmailCommand,
  DeactivateClientCommand,
  EraseClientCommand,
  GetClientQuery,
  ListClientsQuery,
  ReactivateClientCommand,
  RegisterClientCommand,
  RenameClientCommand,
} from '@bascule/client/application';
import { ClientStatus } from '@bascule/client/domain';
import { CLIENT_GRPC_SERVICE } from '@bascule/client/contracts';
import { Roles } from '@bascule/shared/auth';
import { RpcCall, RpcChange } from '@bascule/shared/grpc';
import { toGrpcClient, toGrpcPage } from './client-grpc.mapping';
import {
  ChangeClientAddressRequest,
  ChangeClientEmailRequest,
  ClientVersionRequest,
  DeactivateClientRequest,
  GetClientRequest,
  ListClientsRequest,
  RegisterClientRequest,
  RenameClientRequest,
} from './client-grpc.schemas';

/** `bascule.client.v1.ClientService`: checks each message, then runs the same commands and queries as REST. */
@Controller()
export class ClientGrpcController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'RegisterClient')
  @Roles('client:write')
  register(@RpcCall(RegisterClientRequest) { request, metadata }: RpcCall<RegisterClientRequest>) {
    return this.commands.execute(new RegisterClientCommand(request, metadata));
  }

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'GetClient')
  @Roles('client:read')
  async get(@RpcCall(GetClientRequest) { request }: RpcCall<GetClientRequest>) {
    return toGrpcClient(await this.queries.execute(new GetClientQuery(request.id)));
  }

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'ListClients')
  @Roles('client:read')
  async list(@RpcCall(ListClientsRequest) { request }: RpcCall<ListClientsRequest>) {
    const { status, email, text, cursor, limit } = request;
    const filter = { status: status as ClientStatus | undefined, email, text, cursor, limit: limit || 20 };
    return toGrpcPage(await this.queries.execute(new ListClientsQuery(filter)));
  }

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'RenameClient')
  @Roles('client:write')
  rename(@RpcChange(RenameClientRequest) { target, request }: RpcChange<RenameClientRequest>) {
    return this.commands.execute(new RenameClientCommand(target, request));
  }

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'ChangeClientAddress')
  @Roles('client:write')
  changeAddress(@RpcChange(ChangeClientAddressRequest) { target, request }: RpcChange<ChangeClientAddressRequest>) {
    return this.commands.execute(new ChangeClientAddressCommand(target, request));
  }

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'ChangeClientEmail')
  @Roles('client:write')
  changeEmail(@RpcChange(ChangeClientEmailRequest) { target, request }: RpcChange<ChangeClientEmailRequest>) {
    return this.commands.execute(new ChangeClientEmailCommand(target, request));
  }

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'DeactivateClient')
  @Roles('client:write')
  deactivate(@RpcChange(DeactivateClientRequest) { target, request }: RpcChange<DeactivateClientRequest>) {
    return this.commands.execute(new DeactivateClientCommand(target, request));
  }

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'ReactivateClient')
  @Roles('client:write')
  reactivate(@RpcChange(ClientVersionRequest) { target }: RpcChange<ClientVersionRequest>) {
    return this.commands.execute(new ReactivateClientCommand(target));
  }

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'EraseClient')
  @Roles('client:erase')
  erase(@RpcChange(ClientVersionRequest) { target }: RpcChange<ClientVersionRequest>) {
    return this.commands.execute(new EraseClientCommand(target));
  }
}
