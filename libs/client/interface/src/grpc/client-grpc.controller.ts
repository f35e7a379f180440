import { Controller, UseFilters } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Ctx, GrpcMethod, Payload } from '@nestjs/microservices';
import { Metadata } from '@grpc/grpc-js';
import {
  ChangeClientAddressCommand,
  ChangeClientEmailCommand,
  ClientRef,
  cloudRequest,
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
import { correlationIdFrom, GrpcSchemaPipe } from '@bascule/shared/grpc';
import { TSchema } from '@sinclair/typebox';
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
import { GrpcErrorFilter } from './grpc-error.filter';
import { Roles } from '@bascule/shared/auth';

const meta = (metadata?: Metadata) => cloudRequest(correlationIdFrom(metadata));
const valid = (schema: TSchema) => Payload(new GrpcSchemaPipe(schema));

/** `bascule.client.v1.ClientService`: checks each message, then runs the same commands and queries as REST. */
@Controller()
@UseFilters(GrpcErrorFilter)
export class ClientGrpcController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'RegisterClient')
  @Roles('client:write')
  register(@valid(RegisterClientRequest) req: RegisterClientRequest, @Ctx() metadata: Metadata): Promise<ClientRef> {
    return this.commands.execute(new RegisterClientCommand(req, meta(metadata)));
  }

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'GetClient')
  @Roles('client:read')
  async get(@valid(GetClientRequest) req: { id: string }, @Ctx() metadata: Metadata) {
    correlationIdFrom(metadata); // refused when malformed, even where nothing is recorded
    return toGrpcClient(await this.queries.execute(new GetClientQuery(req.id)));
  }

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'ListClients')
  @Roles('client:read')
  async list(@valid(ListClientsRequest) req: ListClientsRequest, @Ctx() metadata: Metadata) {
    correlationIdFrom(metadata);
    const page = await this.queries.execute(
      new ListClientsQuery({
        status: req.status as ClientStatus | undefined,
        email: req.email,
        text: req.text,
        cursor: req.cursor,
        limit: req.limit || 20,
      }),
    );
    return toGrpcPage(page);
  }

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'RenameClient')
  @Roles('client:write')
  rename(@valid(RenameClientRequest) req: RenameClientRequest, @Ctx() metadata: Metadata) {
    return this.commands.execute(
      new RenameClientCommand(req.id, req.expectedVersion, req.givenName, req.familyName, meta(metadata)),
    );
  }

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'ChangeClientAddress')
  @Roles('client:write')
  changeAddress(@valid(ChangeClientAddressRequest) req: ChangeClientAddressRequest, @Ctx() metadata: Metadata) {
    return this.commands.execute(
      new ChangeClientAddressCommand(req.id, req.expectedVersion, req.address, meta(metadata)),
    );
  }

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'ChangeClientEmail')
  @Roles('client:write')
  changeEmail(@valid(ChangeClientEmailRequest) req: ChangeClientEmailRequest, @Ctx() metadata: Metadata) {
    return this.commands.execute(new ChangeClientEmailCommand(req.id, req.expectedVersion, req.email, meta(metadata)));
  }

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'DeactivateClient')
  @Roles('client:write')
  deactivate(@valid(DeactivateClientRequest) req: DeactivateClientRequest, @Ctx() metadata: Metadata) {
    return this.commands.execute(new DeactivateClientCommand(req.id, req.expectedVersion, req.reason, meta(metadata)));
  }

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'ReactivateClient')
  @Roles('client:write')
  reactivate(@valid(ClientVersionRequest) req: ClientVersionRequest, @Ctx() metadata: Metadata) {
    return this.commands.execute(new ReactivateClientCommand(req.id, req.expectedVersion, meta(metadata)));
  }

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'EraseClient')
  @Roles('client:erase')
  erase(@valid(ClientVersionRequest) req: ClientVersionRequest, @Ctx() metadata: Metadata) {
    return this.commands.execute(new EraseClientCommand(req.id, req.expectedVersion, meta(metadata)));
  }
}
