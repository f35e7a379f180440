import { InvalidValueError, Money } from '@bascule/shared/ddd';
import { PaymentRefundExceedsCapture } from '../payment.errors';

/**
 * A refund is a positive amount in the payment's currency, and the refunds together never exceed what was
 * captured. Returns the refunded total after this one.
 */
export function refundsWithinCapture(paymentId: string, captured: Money, refunded: Money, amount: Money): Money {
  if (amount.currency !== captured.currency)
    throw new InvalidValueError('amount/currency', `the payment is in ${captured.currency}, not ${amount.currency}`);
  if (!amount.isPositive()) throw new InvalidValueError('amount/amount', 'a refund is a positive amount');
  const total = refunded.add(amount);
  if (total.isGreaterThan(captured)) throw new PaymentRefundExceedsCapture(paymentId, captured, refunded, amount);
  return total;
}
