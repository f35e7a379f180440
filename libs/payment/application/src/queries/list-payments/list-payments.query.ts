import { Query } from '@nestjs/cqrs';
import { PaymentListFilter, PaymentPage } from '../../ports/payment-read-model';

export class ListPaymentsQuery extends Query<PaymentPage> {
  constructor(readonly filter: PaymentListFilter) {
    super();
  }
}
