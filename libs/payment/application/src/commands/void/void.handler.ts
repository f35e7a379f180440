import { CommandHandler } from '@nestjs/cqrs';
import { Payment } from '@bascule/payment/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { PaymentChanges } from '../../payment-changes';
import { VoidCommand } from './void.command';

@CommandHandler(VoidCommand)
export class VoidHandler extends ChangeHandler<Payment, VoidCommand> {
  constructor(changes: PaymentChanges) {
    super(changes);
  }

  protected change(payment: Payment): void {
    payment.void();
  }
}
