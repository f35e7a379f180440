import { Query } from '@nestjs/cqrs';
import { PaymentPage } from '../../ports/payment-read-model';

export class ListPaymentsQuery extends Query<PaymentPage> {
  constructor(readonly filter: { cursor?: string; limit: number }) {
    super();
  }
}
