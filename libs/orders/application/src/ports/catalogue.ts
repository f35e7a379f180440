import { Money } from '@bascule/shared/ddd';

/** The unit prices orders keeps of inventory's stock items, by sku: prices never come from the caller. */
export interface Catalogue {
  /** The unit price of each sku the catalogue holds; a sku it does not hold is absent. */
  pricesOf(skus: readonly string[]): Promise<ReadonlyMap<string, Money>>;
}

export const CATALOGUE = Symbol('Catalogue');
