import { InvalidValueError } from './domain-error';
import { Money } from './money';

describe('Money', () => {
  it('keeps amounts in integer minor units with their currency', () => {
    expect(Money.of(1250, 'EUR').toJSON()).toEqual({ amount: 1250, currency: 'EUR' });
  });

  it('parses legacy decimal strings without floating point error', () => {
    expect(Money.fromDecimal('0.29', 'EUR').minor).toBe(29);
    expect(Money.fromDecimal('1234.5', 'EUR').minor).toBe(123450);
    expect(Money.fromDecimal('-10.00', 'EUR').minor).toBe(-1000);
    expect(Money.fromDecimal('500', 'JPY').minor).toBe(500);
    expect(Money.fromDecimal('1.234', 'KWD').minor).toBe(1234);
  });

  it('prints back the decimal form', () => {
    expect(Money.of(5, 'EUR').toDecimal()).toBe('0.05');
    expect(Money.of(-123450, 'EUR').toDecimal()).toBe('-1234.50');
    expect(Money.of(500, 'JPY').toDecimal()).toBe('500');
  });

  it('refuses fractions of a minor unit, bad currencies and mixed currencies', () => {
    expect(() => Money.of(1.5, 'EUR')).toThrow(InvalidValueError);
    expect(() => Money.fromDecimal('1.005', 'EUR')).toThrow(/more than 2 decimals/);
    expect(() => Money.fromDecimal('abc', 'EUR')).toThrow(InvalidValueError);
    expect(() => Money.of(1, 'euro')).toThrow(/ISO 4217/);
    expect(() => Money.of(1, 'EUR').add(Money.of(1, 'USD'))).toThrow(/cannot combine EUR with USD/);
  });

  it('adds, subtracts and multiplies within a currency', () => {
    const price = Money.of(199, 'EUR');
    expect(price.multiply(3).add(Money.of(3, 'EUR')).minor).toBe(600);
    expect(price.subtract(Money.of(200, 'EUR')).isNegative()).toBe(true);
    expect(Money.of(100, 'EUR').equals(Money.of(100, 'EUR'))).toBe(true);
    expect(Money.of(100, 'EUR').equals(Money.of(100, 'USD'))).toBe(false);
  });
});

describe('Money arithmetic', () => {
  const eur = (minor: number) => Money.of(minor, 'EUR');

  it('takes percentages in basis points, rounding half up away from zero (ADR 0024)', () => {
    expect(eur(63).percentage(2000)).toEqual(eur(13));
    expect(eur(62).percentage(2000)).toEqual(eur(12));
    expect(eur(10).percentage(500)).toEqual(eur(1));
    expect(eur(-63).percentage(2000)).toEqual(eur(-13));
    expect(eur(-10).percentage(500)).toEqual(eur(-1));
    expect(eur(1999).percentage(550)).toEqual(eur(110));
    expect(eur(12345).percentage(10_000)).toEqual(eur(12345));
    expect(() => eur(100).percentage(5.5)).toThrow(/basis points/);
  });

  it('allocates by ratios, handing the units left over to the largest remainders', () => {
    expect(eur(100).allocate([1, 1, 1])).toEqual([eur(34), eur(33), eur(33)]);
    expect(eur(5).allocate([3, 7])).toEqual([eur(2), eur(3)]);
    expect(eur(-100).split(3)).toEqual([eur(-34), eur(-33), eur(-33)]);
    expect(eur(7).allocate([0, 1])).toEqual([eur(0), eur(7)]);
    expect(() => eur(7).allocate([0, 0])).toThrow(/positive/);
    expect(() => eur(7).allocate([-1, 2])).toThrow(/non-negative/);
  });

  it('multiplies by a quantity and compares amounts of one currency', () => {
    expect(eur(199).multiply(3)).toEqual(eur(597));
    expect(() => eur(199).multiply(1.5)).toThrow(InvalidValueError);
    expect(eur(2).isGreaterThan(eur(1))).toBe(true);
    expect(eur(1).isLessThan(eur(2))).toBe(true);
    expect(eur(1).compare(eur(1))).toBe(0);
    expect(() => eur(1).compare(Money.of(1, 'USD'))).toThrow(/cannot combine/);
    expect(Money.sum([eur(1), eur(2)], 'EUR')).toEqual(eur(3));
  });

  it('refuses amounts beyond the safe integer range instead of losing a unit', () => {
    expect(() => eur(Number.MAX_SAFE_INTEGER).add(eur(1))).toThrow(/safe/);
    expect(() => eur(Number.MAX_SAFE_INTEGER).multiply(2)).toThrow(/safe/);
    expect(() => eur(2 ** 52).multiply(3)).toThrow(/safe/);
    expect(() => Money.fromDecimal('90071992547409.92', 'EUR')).toThrow(/safe/);
    expect(() => Money.fromMinorText('9007199254740993', 'EUR')).toThrow(/safe/);
    expect(Money.fromMinorText('-9007199254740991', 'EUR').minor).toBe(-Number.MAX_SAFE_INTEGER);
    expect(() => Money.fromMinorText('12.5', 'EUR')).toThrow(InvalidValueError);
  });
});
