import { Command } from '@nestjs/cqrs';
import { AggregateRef, CommandMetadata } from '@bascule/shared/application';
import { MoneyJson } from '@bascule/shared/contracts';

/** What authorizing a payment takes, as the edges checked it. The token goes to the provider and is not kept. */
export interface CreatePaymentData {
  orderId: string;
  amount: MoneyJson;
  method: { type: 'card'; token: string };
}

export class CreatePaymentCommand extends Command<AggregateRef> {
  /**
   * @param providerKey the provider's idempotency key: derived from the caller's `Idempotency-Key`, so that a
   * retried request that may have reached the provider is the same authorization there; a new one when absent.
   * @param paymentId the id the caller derived (a saga's payment is its order's, `PaymentId.forOrder`, ADR 0057):
   * a payment already under it is the answer, and the provider is not asked again. A new id when absent.
   */
  constructor(
    readonly data: CreatePaymentData,
    readonly metadata: CommandMetadata,
    readonly providerKey?: string,
    readonly paymentId?: string,
  ) {
    super();
  }
}
