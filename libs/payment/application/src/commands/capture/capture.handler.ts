import { CommandHandler } from '@nestjs/cqrs';
import { Payment } from '@bascule/payment/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { Money } from '@bascule/shared/ddd';
import { PaymentChanges } from '../../payment-changes';
import { CaptureCommand } from './capture.command';

@CommandHandler(CaptureCommand)
export class CaptureHandler extends ChangeHandler<Payment, CaptureCommand> {
  constructor(changes: PaymentChanges) {
    super(changes);
  }

  protected change(payment: Payment, { data }: CaptureCommand): void {
    payment.capture({ amount: Money.fromJSON(data.amount) });
  }
}
