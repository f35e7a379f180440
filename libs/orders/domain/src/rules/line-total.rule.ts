import { InvalidValueError, Money } from '@bascule/shared/ddd';

/** A line's total is its unit price times its quantity, to the minor unit: never given, never rounded. */
export function assertLineTotal(unitPrice: Money, quantity: number, lineTotal: Money): void {
  if (!unitPrice.multiply(quantity).equals(lineTotal))
    throw new InvalidValueError('lineTotal', 'a line total is its unit price times its quantity');
}
