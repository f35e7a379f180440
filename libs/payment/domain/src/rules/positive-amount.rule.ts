import { InvalidValueError, Money } from '@bascule/shared/ddd';

/** A payment is for a positive amount: nothing to authorize otherwise. */
export function positiveAmount(amount: Money): Money {
  if (!amount.isPositive()) throw new InvalidValueError('amount/amount', 'a payment is for a positive amount');
  return amount;
}
