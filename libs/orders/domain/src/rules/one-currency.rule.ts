import { Money } from '@bascule/shared/ddd';
import { OrderPriceInAnotherCurrency } from '../order.errors';

/** An order is priced in one currency: a catalogue price in another cannot be added to its total. */
export function assertOneCurrency(currency: string, unitPrices: readonly Money[]): void {
  unitPrices.forEach((price, index) => {
    if (price.currency !== currency) throw new OrderPriceInAnotherCurrency(index, price.currency, currency);
  });
}
