import fc from 'fast-check';
import { Money } from './money';
import { FRENCH_VAT_RATES, vatRateOrDefault } from './vat-rate';
import { vatByRate, vatTotals } from './vat-totals';

const eur = (amount: number) => Money.of(amount, 'EUR');
const line = (vatRate: number, amount: number) => ({ vatRate, lineExclVat: eur(amount) });

describe('French VAT per rate, rounded half up once per rate (ADR 0043)', () => {
  it.each([
    // lines (rate bp, base in cents)           → VAT per rate (rate: vat)          why
    [[line(2000, 63)], [[2000, 13]], '0.126 → 0.13 (half up past the half)'],
    [[line(2000, 62)], [[2000, 12]], '0.124 → 0.12'],
    [
      [line(2000, 1), line(2000, 1), line(2000, 1)],
      [[2000, 1]],
      'the rate total 0.03 × 20 % = 0.006 → 0.01, not 3 × 0.00',
    ],
    [[line(550, 10)], [[550, 1]], '0.0055 → 0.01'],
    [[line(550, 9)], [[550, 0]], '0.00495 → 0.00'],
    [[line(210, 24)], [[210, 1]], '0.00504 → 0.01'],
    [[line(210, 23)], [[210, 0]], '0.00483 → 0.00'],
    [[line(1000, 5)], [[1000, 1]], '0.005 exactly → 0.01 (half up, not half even)'],
    [[line(1000, 15)], [[1000, 2]], '0.015 → 0.02'],
    [[line(1000, 25)], [[1000, 3]], '0.025 → 0.03 (half even would give 0.02)'],
    [
      [line(2000, 1999 * 3), line(550, 63)],
      [
        [2000, 1199],
        [550, 3],
      ],
      'two rates, highest first; 5.5 % of 0.63 = 0.03465 → 0.03',
    ],
    [
      [line(210, 100), line(2000, 100), line(1000, 100), line(550, 100)],
      [
        [2000, 20],
        [1000, 10],
        [550, 6],
        [210, 2],
      ],
      'four rates: 0.055 → 0.06, 0.021 → 0.02',
    ],
    [[line(2000, 0)], [[2000, 0]], 'a free line'],
  ] as [ReturnType<typeof line>[], number[][], string][])('%j → %j: %s', (lines, expected) => {
    expect(vatByRate(lines, 'EUR').map((r) => [r.vatRate, r.vat.minor])).toEqual(expected);
  });

  it('totals: excluding VAT is the sum of the bases, including VAT adds the VAT of each rate', () => {
    const totals = vatTotals([line(2000, 5997), line(550, 63), line(2000, 3)], 'EUR');
    expect(totals.perRate.map((r) => [r.vatRate, r.base.minor, r.vat.minor])).toEqual([
      [2000, 6000, 1200],
      [550, 63, 3],
    ]);
    expect([totals.totalExclVat.minor, totals.totalVat.minor, totals.totalInclVat.minor]).toEqual([6063, 1203, 7266]);
  });

  it('refuses a rate that is not French', () => {
    expect(() => vatByRate([line(1960, 100)], 'EUR')).toThrow(/not a French VAT rate/);
  });

  const lines = fc.array(
    fc.record({ vatRate: fc.constantFrom(...FRENCH_VAT_RATES), amount: fc.integer({ min: 0, max: 10_000_000 }) }),
    { minLength: 1, maxLength: 100 },
  );

  it('property: the VAT per rate sums to the invoice VAT, the bases to the total excluding VAT, and incl. = excl. + VAT', () => {
    fc.assert(
      fc.property(lines, (drawn) => {
        const totals = vatTotals(
          drawn.map((d) => line(d.vatRate, d.amount)),
          'EUR',
        );
        const vat = totals.perRate.reduce((sum, r) => sum + r.vat.minor, 0);
        const bases = drawn.reduce((sum, d) => sum + d.amount, 0);
        expect(totals.totalVat.minor).toBe(vat);
        expect(totals.totalExclVat.minor).toBe(bases);
        expect(totals.totalInclVat.minor).toBe(bases + vat);
      }),
    );
  });

  it('property: each rate’s VAT is within half a cent of the exact VAT of its base, a half rounded up', () => {
    fc.assert(
      fc.property(lines, (drawn) => {
        for (const r of vatByRate(
          drawn.map((d) => line(d.vatRate, d.amount)),
          'EUR',
        )) {
          const exactTimes10000 = r.base.minor * r.vatRate; // VAT in cents × 10,000, exact
          const roundedTimes10000 = r.vat.minor * 10_000;
          expect(roundedTimes10000 - exactTimes10000).toBeLessThanOrEqual(5_000);
          expect(exactTimes10000 - roundedTimes10000).toBeLessThan(5_000);
        }
      }),
    );
  });
});

describe('vatRateOrDefault', () => {
  it.each([
    [550, 550],
    [210, 210],
    [null, 2000],
    [undefined, 2000],
    [1960, 2000],
  ])('%p → %p', (kept, rate) => {
    expect(vatRateOrDefault(kept)).toBe(rate);
  });
});
