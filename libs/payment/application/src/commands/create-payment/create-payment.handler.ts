import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { cardSummary, Payment, PaymentId, positiveAmount } from '@bascule/payment/domain';
import { AggregateRef } from '@bascule/shared/application';
import { CLOCK, Clock, Money } from '@bascule/shared/ddd';
import { PaymentChanges } from '../../payment-changes';
import { PAYMENT_PROVIDER, PaymentProvider } from '../../ports/payment-provider';
import { CreatePaymentCommand } from './create-payment.command';

/** Asks the provider, then keeps its decision as a payment: AUTHORIZED or DECLINED (a decline is not an error). */
@CommandHandler(CreatePaymentCommand)
export class CreatePaymentHandler implements ICommandHandler<CreatePaymentCommand, AggregateRef> {
  constructor(
    private readonly changes: PaymentChanges,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ data, metadata, providerKey }: CreatePaymentCommand): Promise<AggregateRef> {
    const id = PaymentId.generate();
    const amount = positiveAmount(Money.fromJSON(data.amount));
    const decision = await this.provider.authorize({
      idempotencyKey: providerKey ?? id.value,
      orderId: data.orderId,
      amount: amount.toJSON(),
      token: data.method.token,
      correlationId: metadata.correlationId,
    });
    const payment = Payment.authorize(
      id,
      { orderId: data.orderId, amount, card: cardSummary(data.method) },
      decision,
      this.clock,
    );
    return this.changes.save(payment, metadata);
  }
}
