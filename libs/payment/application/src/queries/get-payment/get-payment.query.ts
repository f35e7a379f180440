import { Query } from '@nestjs/cqrs';
import { PaymentView } from '../../ports/payment-read-model';

export class GetPaymentQuery extends Query<PaymentView> {
  constructor(readonly id: string) {
    super();
  }
}
