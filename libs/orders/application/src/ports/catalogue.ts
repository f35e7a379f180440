import { Money, VatRate } from '@bascule/shared/ddd';

/** A sku as orders sells it: its unit price excluding VAT and the rate it is taxed at. */
export interface CatalogueTerms {
  unitPrice: Money;
  vatRate: VatRate;
}

/** The terms orders keeps of inventory's stock items, by sku: prices and rates never come from the caller. */
export interface Catalogue {
  /** The terms of each sku the catalogue holds a price for; a sku it does not hold is absent. */
  termsOf(skus: readonly string[]): Promise<ReadonlyMap<string, CatalogueTerms>>;
}

export const CATALOGUE = Symbol('Catalogue');
