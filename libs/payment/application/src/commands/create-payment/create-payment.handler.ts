import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Payment, PaymentId } from '@bascule/payment/domain';
import { AggregateRef } from '@bascule/shared/application';
import { CLOCK, Clock, Money } from '@bascule/shared/ddd';
import { PaymentChanges } from '../../payment-changes';
import { CreatePaymentCommand } from './create-payment.command';

@CommandHandler(CreatePaymentCommand)
export class CreatePaymentHandler implements ICommandHandler<CreatePaymentCommand, AggregateRef> {
  constructor(
    private readonly changes: PaymentChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ data, metadata }: CreatePaymentCommand): Promise<AggregateRef> {
    const payment = Payment.create(
      PaymentId.generate(),
      {
        orderId: data.orderId,
        authorizedAmount: Money.fromJSON(data.authorizedAmount),
        status: data.status,
        declineReason: data.declineReason ?? null,
        cardLast4: data.cardLast4,
        cardType: data.cardType,
        capturedAmount: data.capturedAmount === undefined ? null : Money.fromJSON(data.capturedAmount),
        refundedAmount: data.refundedAmount === undefined ? null : Money.fromJSON(data.refundedAmount),
        providerReference: data.providerReference ?? null,
      },
      this.clock,
    );
    return this.changes.save(payment, metadata);
  }
}
