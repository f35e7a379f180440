import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { cardSummary, OrderPaymentMismatch, Payment, PaymentId, positiveAmount } from '@bascule/payment/domain';
import { AggregateRef } from '@bascule/shared/application';
import { CLOCK, Clock, Money } from '@bascule/shared/ddd';
import { PaymentChanges } from '../../payment-changes';
import { PAYMENT_PROVIDER, PaymentProvider } from '../../ports/payment-provider';
import { PAYMENT_REPOSITORY, PaymentRepository } from '../../ports/payment.repository';
import { CreatePaymentCommand } from './create-payment.command';

/**
 * Asks the provider, then keeps its decision as a payment: AUTHORIZED or DECLINED (a decline is not an error).
 * Under an id the caller derived, a payment already there is the answer: the provider is not asked twice.
 */
@CommandHandler(CreatePaymentCommand)
export class CreatePaymentHandler implements ICommandHandler<CreatePaymentCommand, AggregateRef> {
  constructor(
    private readonly changes: PaymentChanges,
    @Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepository,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ data, metadata, providerKey, paymentId }: CreatePaymentCommand): Promise<AggregateRef> {
    const id = paymentId ? PaymentId.of(paymentId) : PaymentId.generate();
    const amount = positiveAmount(Money.fromJSON(data.amount));
    const existing = paymentId ? await this.payments.findById(id.value) : undefined;
    if (existing) return this.alreadyMade(existing, data.orderId, amount);
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

  private alreadyMade(payment: Payment, orderId: string, amount: Money): AggregateRef {
    const made = payment.snapshot;
    if (made.orderId !== orderId || !made.authorizedAmount.equals(amount))
      throw new OrderPaymentMismatch(payment.id.value, made.orderId, made.authorizedAmount, amount);
    return { id: payment.id.value, version: payment.version };
  }
}
