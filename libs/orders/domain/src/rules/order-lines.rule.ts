import { InvalidValueError } from '@bascule/shared/ddd';

export const MAX_ORDER_LINES = 100;

/** An order orders something, at most 100 lines, one line per sku (a second one would be a quantity). */
export function assertOrderLines(skus: readonly string[]): void {
  if (skus.length === 0) throw new InvalidValueError('lines', 'an order has at least one line');
  if (skus.length > MAX_ORDER_LINES)
    throw new InvalidValueError('lines', `an order has at most ${MAX_ORDER_LINES} lines`);
  const seen = new Set<string>();
  skus.forEach((sku, index) => {
    if (seen.has(sku)) throw new InvalidValueError(`lines/${index}/sku`, `sku ${sku} has a line already`);
    seen.add(sku);
  });
}
