import { Money } from './money';
import { assertFrenchVatRate, VatRate } from './vat-rate';

/** The base excluding VAT and the VAT of one rate, on an order or an invoice. */
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

/**
 * The totals of lines: excluding VAT, the sum of the VAT per rate, and including VAT. Orders charges and billing
 * invoices through this one function, so the amount captured is the invoice's total to the cent (ADR 0068).
 */
export function vatTotals(lines: readonly { vatRate: number; lineExclVat: Money }[], currency: string) {
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
