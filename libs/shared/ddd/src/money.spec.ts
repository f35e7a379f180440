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
