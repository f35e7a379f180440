import { CommandHandler } from '@nestjs/cqrs';
import { Payment } from '@bascule/payment/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { Money } from '@bascule/shared/ddd';
import { PaymentChanges } from '../../payment-changes';
import { RefundCommand } from './refund.command';

@CommandHandler(RefundCommand)
export class RefundHandler extends ChangeHandler<Payment, RefundCommand> {
  constructor(changes: PaymentChanges) {
    super(changes);
  }

  protected change(payment: Payment, { data }: RefundCommand): void {
    payment.refund({ amount: Money.fromJSON(data.amount) });
  }
}
