import { Controller } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { GrpcMethod } from '@nestjs/microservices';
import {
  CreateInvoiceCommand,
  GetInvoiceQuery,
  ListInvoicesQuery,
  IssueCreditNoteCommand,
} from '@bascule/billing/application';
import { BILLING_GRPC_SERVICE } from '@bascule/billing/contracts';
import { Roles } from '@bascule/shared/auth';
import { RpcCall, RpcChange } from '@bascule/shared/grpc';
import {
  CreateInvoiceRequest,
  GetInvoiceRequest,
  ListInvoicesRequest,
  IssueCreditNoteRequest,
} from './invoice-grpc.schemas';

/** `bascule.billing.v1.InvoiceService`: checks each message, then runs the same commands and queries as REST. */
@Controller()
export class InvoiceGrpcController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @GrpcMethod(BILLING_GRPC_SERVICE, 'CreateInvoice')
  @Roles('billing:write')
  create(@RpcCall(CreateInvoiceRequest) { request, metadata }: RpcCall<CreateInvoiceRequest>) {
    return this.commands.execute(new CreateInvoiceCommand(request, metadata));
  }

  @GrpcMethod(BILLING_GRPC_SERVICE, 'GetInvoice')
  @Roles('billing:read')
  get(@RpcCall(GetInvoiceRequest) { request }: RpcCall<GetInvoiceRequest>) {
    return this.queries.execute(new GetInvoiceQuery(request.id));
  }

  @GrpcMethod(BILLING_GRPC_SERVICE, 'ListInvoices')
  @Roles('billing:read')
  async list(@RpcCall(ListInvoicesRequest) { request }: RpcCall<ListInvoicesRequest>) {
    const page = await this.queries.execute(
      new ListInvoicesQuery({ orderId: request.orderId, cursor: request.cursor, limit: request.limit || 20 }),
    );
    return { items: page.items, nextCursor: page.nextCursor ?? undefined };
  }

  @GrpcMethod(BILLING_GRPC_SERVICE, 'IssueCreditNote')
  @Roles('billing:write')
  issueCreditNote(@RpcChange(IssueCreditNoteRequest) { target, request }: RpcChange<IssueCreditNoteRequest>) {
    return this.commands.execute(
      new IssueCreditNoteCommand(target, { amount: request.amount, reason: request.reason }),
    );
  }
}
