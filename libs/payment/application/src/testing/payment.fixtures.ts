import { PaymentState } from '@bascule/payment/domain';
import { Money } from '@bascule/shared/ddd';

/** A payment's state for specs: a value in each field, or those given. */
export const aPaymentState = (overrides: Partial<PaymentState> = {}): PaymentState => ({
  orderId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
  authorizedAmount: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
  status: 'AUTHORIZED',
  declineReason: 'First declineReason',
  cardLast4: 'First cardLast4',
  cardType: 'First cardType',
  capturedAmount: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
  refundedAmount: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
  providerReference: 'First providerReference',
  ...overrides,
});
