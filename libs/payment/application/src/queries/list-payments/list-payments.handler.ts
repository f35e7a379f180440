import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PAYMENT_READ_MODEL, PaymentPage, PaymentReadModel } from '../../ports/payment-read-model';
import { ListPaymentsQuery } from './list-payments.query';

@QueryHandler(ListPaymentsQuery)
export class ListPaymentsHandler implements IQueryHandler<ListPaymentsQuery, PaymentPage> {
  constructor(@Inject(PAYMENT_READ_MODEL) private readonly readModel: PaymentReadModel) {}

  execute({ filter }: ListPaymentsQuery): Promise<PaymentPage> {
    return this.readModel.list(filter);
  }
}
