import { InvalidValueError, Money } from '@bascule/shared/ddd';

/** The French VAT rates, in basis points: 20 % (standard), 10 %, 5.5 % and 2.1 % (CGI art. 278 to 281 nonies). */
export const FRENCH_VAT_RATES = [2000, 1000, 550, 210] as const;
export type VatRate = (typeof FRENCH_VAT_RATES)[number];
/** What a sku is taxed at when the catalogue billing keeps says nothing: inventory's events carry no rate. */
export const DEFAULT_VAT_RATE: VatRate = 2000;

export function assertFrenchVatRate(rate: number, field = 'vatRate'): asserts rate is VatRate {
  if (!(FRENCH_VAT_RATES as readonly number[]).includes(rate))
    throw new InvalidValueError(
      field,
      `${rate} is not a French VAT rate in basis points (${FRENCH_VAT_RATES.join(', ')})`,
    );
}

/** The base excluding VAT and the VAT of one rate on an invoice. */
export interface VatTotal {
  vatRate: VatRate;
  base: Money;
  vat: Money;
}

/**
 * VAT per rate, as French invoices state it (CGI art. 242 nonies A: "par taux d'imposition, le total hors taxe
 * et la taxe correspondante"): the bases of the lines at one rate are summed exactly, and the VAT of that sum
 * is rounded once, half up, to the cent (ADR 0043). Lines carry no rounded VAT of their own, so no per-line
 * rounding error accumulates. Highest rate first.
 */
export function vatByRate(lines: readonly { vatRate: number; lineExclVat: Money }[], currency: string): VatTotal[] {
  const bases = new Map<VatRate, Money>();
  for (const line of lines) {
    assertFrenchVatRate(line.vatRate);
    bases.set(line.vatRate, (bases.get(line.vatRate) ?? Money.zero(currency)).add(line.lineExclVat));
  }
  return [...bases]
    .sort(([a], [b]) => b - a)
    .map(([vatRate, base]) => ({ vatRate, base, vat: base.percentage(vatRate) }));
}

/** The invoice's totals: excluding VAT, the sum of the VAT per rate, and including VAT. */
export function invoiceTotals(lines: readonly { vatRate: number; lineExclVat: Money }[], currency: string) {
  const perRate = vatByRate(lines, currency);
  const totalExclVat = Money.sum(
    perRate.map((r) => r.base),
    currency,
  );
  const totalVat = Money.sum(
    perRate.map((r) => r.vat),
    currency,
  );
  return { perRate, totalExclVat, totalVat, totalInclVat: totalExclVat.add(totalVat) };
}
