import { InvalidValueError } from './domain-error';
import { ValueObject } from './value-object';

const ISO_4217 = /^[A-Z]{3}$/;
/** Minor-unit exponents that differ from 2; everything else (EUR, USD, …) has cents. */
const EXPONENTS: Readonly<Record<string, number>> = {
  JPY: 0,
  KRW: 0,
  ISK: 0,
  CLP: 0,
  BHD: 3,
  KWD: 3,
  OMR: 3,
  TND: 3,
  JOD: 3,
};

/** An amount in integer minor units (cents) with its ISO 4217 currency; never a float. */
export class Money extends ValueObject<{ minor: number; currency: string }> {
  static of(minor: number, currency: string): Money {
    if (!Number.isSafeInteger(minor))
      throw new InvalidValueError('amount', `amount ${minor} is not an integer number of minor units`);
    if (!ISO_4217.test(currency))
      throw new InvalidValueError('currency', `"${currency}" is not an ISO 4217 currency code`);
    return new Money({ minor, currency });
  }

  static zero(currency: string): Money {
    return Money.of(0, currency);
  }

  /** Parses a decimal string such as the legacy NUMERIC "1234.50" without going through a float. */
  static fromDecimal(decimal: string, currency: string): Money {
    const exponent = EXPONENTS[currency] ?? 2;
    const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
    if (!match) throw new InvalidValueError('amount', `"${decimal}" is not a decimal amount`);
    const [, sign, whole, fraction = ''] = match;
    if (fraction.replace(/0+$/, '').length > exponent)
      throw new InvalidValueError('amount', `"${decimal}" has more than ${exponent} decimals`);
    const minor = Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0').slice(0, exponent) || '0');
    return Money.of(sign ? -minor : minor, currency);
  }

  get minor(): number {
    return this.props.minor;
  }

  get currency(): string {
    return this.props.currency;
  }

  add(other: Money): Money {
    this.assertSameCurrency(other);
    return Money.of(this.minor + other.minor, this.currency);
  }

  subtract(other: Money): Money {
    this.assertSameCurrency(other);
    return Money.of(this.minor - other.minor, this.currency);
  }

  multiply(quantity: number): Money {
    if (!Number.isInteger(quantity)) throw new InvalidValueError('quantity', `quantity ${quantity} is not an integer`);
    return Money.of(this.minor * quantity, this.currency);
  }

  isNegative(): boolean {
    return this.minor < 0;
  }

  toDecimal(): string {
    const exponent = EXPONENTS[this.currency] ?? 2;
    const abs = Math.abs(this.minor)
      .toString()
      .padStart(exponent + 1, '0');
    const text = exponent === 0 ? abs : `${abs.slice(0, -exponent)}.${abs.slice(-exponent)}`;
    return this.minor < 0 ? `-${text}` : text;
  }

  toJSON(): { amount: number; currency: string } {
    return { amount: this.minor, currency: this.currency };
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency)
      throw new InvalidValueError('currency', `cannot combine ${this.currency} with ${other.currency}`);
  }
}
