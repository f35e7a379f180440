import { Payment } from '@bascule/payment/domain';
import { AggregateRepository } from '@bascule/shared/application';

export type PaymentRepository = AggregateRepository<Payment>;

export const PAYMENT_REPOSITORY = Symbol('PaymentRepository');
