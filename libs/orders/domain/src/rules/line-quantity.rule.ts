import { InvalidValueError } from '@bascule/shared/ddd';

export const MAX_LINE_QUANTITY = 10_000;

/** A line orders whole units, 1 to 10,000 (more is a wholesale contract, not an order). */
export function assertLineQuantity(quantity: number, field = 'quantity'): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY)
    throw new InvalidValueError(field, `a quantity is a whole number from 1 to ${MAX_LINE_QUANTITY}`);
}
