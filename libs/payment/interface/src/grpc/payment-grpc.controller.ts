import { Controller } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { GrpcMethod } from '@nestjs/microservices';
import {
  CreatePaymentCommand,
  GetPaymentQuery,
  ListPaymentsQuery,
  CaptureCommand,
  VoidCommand,
  RefundCommand,
} from '@bascule/payment/application';
import { PAYMENT_GRPC_SERVICE } from '@bascule/payment/contracts';
import { Roles } from '@bascule/shared/auth';
import { RpcCall, RpcChange } from '@bascule/shared/grpc';
import {
  CreatePaymentRequest,
  GetPaymentRequest,
  ListPaymentsRequest,
  CaptureRequest,
  PaymentVersionRequest,
  RefundRequest,
} from './payment-grpc.schemas';
import { grpcProviderFailure } from '../rest/provider-failure';

/** `bascule.payment.v1.PaymentService`: checks each message, then runs the same commands and queries as REST. */
@Controller()
export class PaymentGrpcController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @GrpcMethod(PAYMENT_GRPC_SERVICE, 'CreatePayment')
  @Roles('payment:write')
  create(@RpcCall(CreatePaymentRequest) { request, metadata }: RpcCall<CreatePaymentRequest>) {
    return this.commands.execute(new CreatePaymentCommand(request, metadata)).catch(grpcProviderFailure);
  }

  @GrpcMethod(PAYMENT_GRPC_SERVICE, 'GetPayment')
  @Roles('payment:read')
  get(@RpcCall(GetPaymentRequest) { request }: RpcCall<GetPaymentRequest>) {
    return this.queries.execute(new GetPaymentQuery(request.id));
  }

  @GrpcMethod(PAYMENT_GRPC_SERVICE, 'ListPayments')
  @Roles('payment:read')
  async list(@RpcCall(ListPaymentsRequest) { request }: RpcCall<ListPaymentsRequest>) {
    const page = await this.queries.execute(
      new ListPaymentsQuery({ orderId: request.orderId, cursor: request.cursor, limit: request.limit || 20 }),
    );
    return { items: page.items, nextCursor: page.nextCursor ?? undefined };
  }

  @GrpcMethod(PAYMENT_GRPC_SERVICE, 'Capture')
  @Roles('payment:write')
  capture(@RpcChange(CaptureRequest) { target, request }: RpcChange<CaptureRequest>) {
    return this.commands.execute(new CaptureCommand(target, { amount: request.amount }));
  }

  @GrpcMethod(PAYMENT_GRPC_SERVICE, 'Void')
  @Roles('payment:write')
  void(@RpcChange(PaymentVersionRequest) { target }: RpcChange<PaymentVersionRequest>) {
    return this.commands.execute(new VoidCommand(target));
  }

  @GrpcMethod(PAYMENT_GRPC_SERVICE, 'Refund')
  @Roles('payment:write')
  refund(@RpcChange(RefundRequest) { target, request }: RpcChange<RefundRequest>) {
    return this.commands.execute(new RefundCommand(target, { amount: request.amount }));
  }
}
