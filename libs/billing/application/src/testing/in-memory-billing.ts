import { Money } from '@bascule/shared/ddd';
import { KnownOrder, KnownOrders } from '../ports/known-orders';
import { formatNumber, Numbering, NumberSeries } from '../ports/numbering';
import { VatRates } from '../ports/vat-rates';

/** Orders as billing would have kept them, for handler specs. */
export class InMemoryKnownOrders implements KnownOrders {
  readonly orders = new Map<string, KnownOrder>();

  async get(orderId: string): Promise<KnownOrder | undefined> {
    return this.orders.get(orderId);
  }
}

/** A confirmed order of two lines: 3 × 19.99 EUR (sku A) and 1 × 0.63 EUR (sku B). */
export const aKnownOrder = (status = 'CONFIRMED'): KnownOrder => ({
  status,
  lines: [
    { orderLineId: '00000000-0000-4000-8000-00000000000a', sku: 'A', quantity: 3, unitPrice: Money.of(1999, 'EUR') },
    { orderLineId: '00000000-0000-4000-8000-00000000000b', sku: 'B', quantity: 1, unitPrice: Money.of(63, 'EUR') },
  ],
});

/** Numbers in memory: a failed issue gives its number back, as the counter row's transaction does. */
export class InMemoryNumbering implements Numbering {
  readonly last = new Map<string, number>();

  async withNextNumber<T>(series: NumberSeries, year: number, issue: (number: string) => Promise<T>): Promise<T> {
    const key = `${series}/${year}`;
    const next = (this.last.get(key) ?? 0) + 1;
    const result = await issue(formatNumber(year, next));
    this.last.set(key, next);
    return result;
  }
}

export class FixedVatRates implements VatRates {
  constructor(private readonly rates: Record<string, number> = {}) {}

  async ratesOf(skus: readonly string[]): Promise<ReadonlyMap<string, number>> {
    return new Map(skus.filter((sku) => sku in this.rates).map((sku) => [sku, this.rates[sku]]));
  }
}
