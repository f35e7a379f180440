import { InvalidValueError } from './domain-error';

/**
 * The French VAT rates, in basis points: 20 % (standard), 10 %, 5.5 % and 2.1 % (CGI art. 278 to 281 nonies).
 * A shared kernel of two contexts: inventory states the rate of a sku, billing taxes invoice lines at it.
 */
export const FRENCH_VAT_RATES = [2000, 1000, 550, 210] as const;
export type VatRate = (typeof FRENCH_VAT_RATES)[number];
/** The standard rate: a sku whose rate was never stated is taxed at it (ADR 0054). */
export const DEFAULT_VAT_RATE: VatRate = 2000;

export function isFrenchVatRate(rate: unknown): rate is VatRate {
  return (FRENCH_VAT_RATES as readonly unknown[]).includes(rate);
}

/** A rate as kept or carried, or the standard rate when there is none (a sku whose events never stated one). */
export function vatRateOrDefault(rate: unknown): VatRate {
  return isFrenchVatRate(rate) ? rate : DEFAULT_VAT_RATE;
}

export function assertFrenchVatRate(rate: number, field = 'vatRate'): asserts rate is VatRate {
  if (!isFrenchVatRate(rate))
    throw new InvalidValueError(
      field,
      `${rate} is not a French VAT rate in basis points (${FRENCH_VAT_RATES.join(', ')})`,
    );
}
