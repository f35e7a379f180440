/** The VAT rate of each sku, in basis points (ADR 0043). */
export interface VatRates {
  /** The rate of each sku; a sku the catalogue says nothing of is taxed at the default rate (20 %). */
  ratesOf(skus: readonly string[]): Promise<ReadonlyMap<string, number>>;
}

export const VAT_RATES = Symbol('VatRates');
