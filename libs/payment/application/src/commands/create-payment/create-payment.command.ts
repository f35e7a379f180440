import { Command } from '@nestjs/cqrs';
import { AggregateRef, CommandMetadata } from '@bascule/shared/application';
import { MoneyJson } from '@bascule/shared/contracts';
import { PaymentStatus } from '@bascule/payment/domain';

/** What creating a payment takes, as the edges checked it (an optional field may be absent). */
export interface CreatePaymentData {
  orderId: string;
  authorizedAmount: MoneyJson;
  status: PaymentStatus;
  declineReason?: string;
  cardLast4: string;
  cardType: string;
  capturedAmount?: MoneyJson;
  refundedAmount?: MoneyJson;
  providerReference?: string;
}

export class CreatePaymentCommand extends Command<AggregateRef> {
  constructor(
    readonly data: CreatePaymentData,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
