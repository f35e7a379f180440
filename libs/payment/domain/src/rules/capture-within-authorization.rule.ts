import { InvalidValueError, Money } from '@bascule/shared/ddd';
import { PaymentCaptureExceedsAuthorization } from '../payment.errors';

/** A capture takes a positive amount, in the authorization's currency, never more than was authorized. */
export function captureWithinAuthorization(paymentId: string, authorized: Money, amount: Money): Money {
  if (amount.currency !== authorized.currency)
    throw new InvalidValueError('amount/currency', `the payment is in ${authorized.currency}, not ${amount.currency}`);
  if (!amount.isPositive()) throw new InvalidValueError('amount/amount', 'a capture is a positive amount');
  if (amount.isGreaterThan(authorized)) throw new PaymentCaptureExceedsAuthorization(paymentId, authorized, amount);
  return amount;
}
