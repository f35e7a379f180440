import fc from 'fast-check';
import { InvalidValueError } from './domain-error';
import { Money, WHOLE_IN_BASIS_POINTS } from './money';

const LIMIT = 2 ** 40;
const minor = fc.integer({ min: -LIMIT, max: LIMIT });
const eur = (amount: number) => Money.of(amount, 'EUR');
const total = (parts: Money[]) => parts.reduce((sum, part) => sum + part.minor, 0);

describe('Money properties (fast-check)', () => {
  it('allocation sums exactly to the whole, and each part is within one unit of its exact share', () => {
    const ratios = fc
      .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 })
      .filter((r) => r.some((x) => x > 0));
    fc.assert(
      fc.property(minor, ratios, (amount, weights) => {
        const parts = eur(amount).allocate(weights);
        const sum = weights.reduce((a, b) => a + b, 0);
        expect(parts).toHaveLength(weights.length);
        expect(total(parts)).toBe(amount);
        parts.forEach((part, i) => {
          expect(Math.abs(part.minor - (amount * weights[i]) / sum)).toBeLessThan(1);
          expect(part.currency).toBe('EUR');
        });
      }),
    );
  });

  it('equal parts differ by at most one minor unit and add up to the whole', () => {
    fc.assert(
      fc.property(minor, fc.integer({ min: 1, max: 50 }), (amount, count) => {
        const parts = eur(amount)
          .split(count)
          .map((part) => part.minor);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
        expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('addition is associative and commutative, subtraction undoes it', () => {
    fc.assert(
      fc.property(minor, minor, minor, (a, b, c) => {
        expect(eur(a).add(eur(b)).add(eur(c))).toEqual(eur(a).add(eur(b).add(eur(c))));
        expect(eur(a).add(eur(b))).toEqual(eur(b).add(eur(a)));
        expect(eur(a).add(eur(b)).subtract(eur(b))).toEqual(eur(a));
        expect(eur(a).subtract(eur(b)).subtract(eur(c))).toEqual(eur(a).subtract(eur(b).add(eur(c))));
      }),
    );
  });

  it('a percentage is the exact share rounded half up: within half a unit, ties away from zero', () => {
    const whole = BigInt(WHOLE_IN_BASIS_POINTS);
    fc.assert(
      fc.property(
        minor,
        fc.integer({ min: -WHOLE_IN_BASIS_POINTS, max: 3 * WHOLE_IN_BASIS_POINTS }),
        (amount, rate) => {
          const result = eur(amount).percentage(rate).minor;
          const exact = BigInt(amount) * BigInt(rate); // the share, in ten-thousandths of a unit
          const error = BigInt(result) * whole - exact;
          const distance = error < 0n ? -error : error;
          expect(2n * distance <= whole).toBe(true);
          if (2n * distance === whole) expect(error > 0n).toBe(exact > 0n);
          expect(eur(-amount).percentage(rate)).toEqual(eur(-result));
        },
      ),
    );
  });

  it('a percentage of a sum is within one unit per term of the sum of the percentages', () => {
    fc.assert(
      fc.property(
        fc.array(minor, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 10_000 }),
        (amounts, rate) => {
          const ofSum = Money.sum(amounts.map(eur), 'EUR').percentage(rate).minor;
          const sumOf = total(amounts.map((amount) => eur(amount).percentage(rate)));
          expect(Math.abs(ofSum - sumOf)).toBeLessThanOrEqual(amounts.length);
        },
      ),
    );
  });

  it('never mixes currencies and never leaves the safe integer range', () => {
    fc.assert(
      fc.property(minor, fc.constantFrom('USD', 'JPY', 'GBP'), (amount, other) => {
        expect(() => eur(amount).add(Money.of(amount, other))).toThrow(InvalidValueError);
        expect(() =>
          eur(amount)
            .allocate([1])
            .concat(Money.of(1, other))
            .reduce((a, b) => a.add(b)),
        ).toThrow(InvalidValueError);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 1000 }), (factor) => {
        expect(() => eur(Number.MAX_SAFE_INTEGER).multiply(factor)).toThrow(/safe/);
      }),
    );
  });
});
