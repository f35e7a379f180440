import { Inject, Injectable } from '@nestjs/common';
import { Payment, PaymentNotFound } from '@bascule/payment/domain';
import { AggregateChanges } from '@bascule/shared/application';
import { PAYMENT_REPOSITORY, PaymentRepository } from './ports/payment.repository';

/** The load → check version → change → save sequence, for payments. */
@Injectable()
export class PaymentChanges extends AggregateChanges<Payment> {
  constructor(@Inject(PAYMENT_REPOSITORY) repository: PaymentRepository) {
    super(repository, { name: 'payment', notFound: (id) => new PaymentNotFound(id) });
  }
}
