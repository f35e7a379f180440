import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PaymentNotFound } from '@bascule/payment/domain';
import { PAYMENT_READ_MODEL, PaymentReadModel, PaymentView } from '../../ports/payment-read-model';
import { GetPaymentQuery } from './get-payment.query';

@QueryHandler(GetPaymentQuery)
export class GetPaymentHandler implements IQueryHandler<GetPaymentQuery, PaymentView> {
  constructor(@Inject(PAYMENT_READ_MODEL) private readonly readModel: PaymentReadModel) {}

  async execute({ id }: GetPaymentQuery): Promise<PaymentView> {
    const view = await this.readModel.get(id);
    if (!view) throw new PaymentNotFound(id);
    return view;
  }
}
