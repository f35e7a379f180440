import { Controller, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { GetPaymentQuery, PaymentView, CaptureCommand, VoidCommand, RefundCommand } from '@bascule/payment/application';
import { AggregateCommand } from '@bascule/shared/application';
import { Roles } from '@bascule/shared/auth';
import { ChangeOperation, ChangeRequest, EtagInterceptor } from '@bascule/shared/http';
import { PaymentSchema, CaptureBody, RefundBody } from './payment.schemas';

const answer = PaymentSchema;

/** Changes of one payment: each requires If-Match and answers with it and its new ETag. */
@ApiTags('payments')
@Controller('payments/:id')
@UseInterceptors(EtagInterceptor)
export class PaymentsCommandsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Roles('payment:write')
  @ChangeOperation('capture', { summary: 'Capture', answer, body: CaptureBody })
  capture(@ChangeRequest(CaptureBody) { target, body }: ChangeRequest<CaptureBody>) {
    return this.run(new CaptureCommand(target, body));
  }

  @Roles('payment:write')
  @ChangeOperation('void', { summary: 'Void', answer })
  void(@ChangeRequest() { target }: ChangeRequest) {
    return this.run(new VoidCommand(target));
  }

  @Roles('payment:write')
  @ChangeOperation('refund', { summary: 'Refund', answer, body: RefundBody })
  refund(@ChangeRequest(RefundBody) { target, body }: ChangeRequest<RefundBody>) {
    return this.run(new RefundCommand(target, body));
  }

  private async run(command: AggregateCommand<unknown>): Promise<PaymentView> {
    const { id } = await this.commands.execute(command);
    return this.queries.execute(new GetPaymentQuery(id));
  }
}
