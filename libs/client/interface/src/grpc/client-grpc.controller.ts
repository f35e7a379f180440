import { Controller, UseFilters } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { GrpcMethod } from '@nestjs/microservices';
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
import { GrpcAddress, requireAddress, requireUuid, toGrpcClient, toGrpcPage } from './client-grpc.mapping';
import { GrpcErrorFilter } from './grpc-error.filter';
import { Roles } from '@bascule/shared/auth';

interface Versioned {
  id: string;
  expectedVersion: number;
}

const meta = (metadata?: Metadata) => cloudRequest(metadata?.get('x-correlation-id')[0]?.toString() || undefined);

/** `bascule.client.v1.ClientService`: translates gRPC messages to the same commands and queries as REST. */
@Controller()
@UseFilters(GrpcErrorFilter)
export class ClientGrpcController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'RegisterClient')
  @Roles('client:write')
  register(req: { givenName: string; familyName: string; email: string; phone?: string; address?: GrpcAddress; companyId?: string }, metadata: Metadata): Promise<ClientRef> {
    return this.commands.execute(new RegisterClientCommand({ ...req, address: requireAddress(req.address) }, meta(metadata)));
  }

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'GetClient')
  @Roles('client:read')
  async get(req: { id: string }) {
    return toGrpcClient(await this.queries.execute(new GetClientQuery(requireUuid(req.id))));
  }

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'ListClients')
  @Roles('client:read')
  async list(req: { status?: string; email?: string; text?: string; cursor?: string; limit?: number }) {
    const limit = Math.min(Math.max(req.limit || 20, 1), 100);
    const page = await this.queries.execute(new ListClientsQuery({ status: req.status as ClientStatus | undefined, email: req.email, text: req.text, cursor: req.cursor ? requireUuid(req.cursor, 'cursor') : undefined, limit }));
    return toGrpcPage(page);
  }

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'RenameClient')
  @Roles('client:write')
  rename(req: Versioned & { givenName: string; familyName: string }, metadata: Metadata) {
    return this.commands.execute(new RenameClientCommand(requireUuid(req.id), req.expectedVersion, req.givenName, req.familyName, meta(metadata)));
  }

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'ChangeClientAddress')
  @Roles('client:write')
  changeAddress(req: Versioned & { address?: GrpcAddress }, metadata: Metadata) {
    return this.commands.execute(new ChangeClientAddressCommand(requireUuid(req.id), req.expectedVersion, requireAddress(req.address), meta(metadata)));
  }

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'ChangeClientEmail')
  @Roles('client:write')
  changeEmail(req: Versioned & { email: string }, metadata: Metadata) {
    return this.commands.execute(new ChangeClientEmailCommand(requireUuid(req.id), req.expectedVersion, req.email, meta(metadata)));
  }

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'DeactivateClient')
  @Roles('client:write')
  deactivate(req: Versioned & { reason: string }, metadata: Metadata) {
    return this.commands.execute(new DeactivateClientCommand(requireUuid(req.id), req.expectedVersion, req.reason, meta(metadata)));
  }

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'ReactivateClient')
  @Roles('client:write')
  reactivate(req: Versioned, metadata: Metadata) {
    return this.commands.execute(new ReactivateClientCommand(requireUuid(req.id), req.expectedVersion, meta(metadata)));
  }

  @GrpcMethod(CLIENT_GRPC_SERVICE, 'EraseClient')
  @Roles('client:erase')
  erase(req: Versioned, metadata: Metadata) {
    return this.commands.execute(new EraseClientCommand(requireUuid(req.id), req.expectedVersion, meta(metadata)));
  }
}
