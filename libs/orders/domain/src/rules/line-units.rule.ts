import { InvalidValueError } from '@bascule/shared/ddd';

/**
 * Any line counts whole units, never fewer than none: a negative quantity is no order under any reading. (The 1 to
 * 10,000 of a placement is the rule of placing; the legacy system holds lines outside it, and they are its orders.)
 */
export function assertLineUnits(quantity: number, field = 'quantity'): void {
  if (!Number.isSafeInteger(quantity) || quantity < 0)
    throw new InvalidValueError(field, 'a quantity is a whole number of units, never negative');
}
