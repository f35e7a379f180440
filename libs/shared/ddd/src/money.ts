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
/** One hundred percent in basis points (1 bp = 0.01 %): VAT 20 % is 2000, 5.5 % is 550, 2.1 % is 210. */
export const WHOLE_IN_BASIS_POINTS = 10_000;

/** Money as JSON, in events and bodies: integer minor units and the ISO 4217 code (see MoneySchema). */
export interface MoneyProps {
  amount: number;
  currency: string;
}

/**
 * An amount in integer minor units (cents) with its ISO 4217 currency; never a float, never beyond
 * Number.MAX_SAFE_INTEGER, never mixed with another currency. Percentages round half up (away from zero) to
 * the minor unit; allocation hands out every minor unit (largest remainder). See ADR 0024.
 */
export class Money extends ValueObject<{ minor: number; currency: string }> {
  static of(minor: number, currency: string): Money {
    if (!Number.isSafeInteger(minor))
      throw new InvalidValueError('amount', `amount ${minor} is not a safe integer number of minor units`);
    if (!ISO_4217.test(currency))
      throw new InvalidValueError('currency', `"${currency}" is not an ISO 4217 currency code`);
    return new Money({ minor: minor === 0 ? 0 : minor, currency }); // no -0
  }

  static zero(currency: string): Money {
    return Money.of(0, currency);
  }

  static fromJSON({ amount, currency }: MoneyProps): Money {
    return Money.of(amount, currency);
  }

  /** Parses a decimal string such as the legacy NUMERIC "1234.50" without going through a float. */
  static fromDecimal(decimal: string, currency: string): Money {
    const exponent = Money.exponentOf(currency);
    const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
    if (!match) throw new InvalidValueError('amount', `"${decimal}" is not a decimal amount`);
    const [, sign, whole, fraction = ''] = match;
    if (fraction.replace(/0+$/, '').length > exponent)
      throw new InvalidValueError('amount', `"${decimal}" has more than ${exponent} decimals`);
    const minor =
      BigInt(whole) * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, '0').slice(0, exponent) || '0');
    return Money.ofBig(sign ? -minor : minor, currency);
  }

  /** Integer minor units as text (a PostgreSQL bigint, an int64 sent as a string), refused beyond the safe range. */
  static fromMinorText(text: string, currency: string): Money {
    if (!/^-?\d+$/.test(text))
      throw new InvalidValueError('amount', `"${text}" is not an integer number of minor units`);
    return Money.ofBig(BigInt(text), currency);
  }

  /** The sum of `amounts`, all in `currency` (zero when there are none). */
  static sum(amounts: Iterable<Money>, currency: string): Money {
    let total = Money.zero(currency);
    for (const amount of amounts) total = total.add(amount);
    return total;
  }

  /** Digits after the decimal point of `currency` (2 for EUR, 0 for JPY, 3 for KWD). */
  static exponentOf(currency: string): number {
    return EXPONENTS[currency] ?? 2;
  }

  private static ofBig(minor: bigint, currency: string): Money {
    if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < BigInt(Number.MIN_SAFE_INTEGER))
      throw new InvalidValueError('amount', `amount ${minor} is beyond the safe range of minor units`);
    return Money.of(Number(minor), currency);
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

  /** This amount times a whole quantity (a line's unit price × its quantity). */
  multiply(quantity: number): Money {
    if (!Number.isSafeInteger(quantity))
      throw new InvalidValueError('quantity', `quantity ${quantity} is not an integer`);
    return Money.ofBig(BigInt(this.minor) * BigInt(quantity), this.currency);
  }

  negate(): Money {
    return Money.of(-this.minor, this.currency);
  }

  /**
   * `basisPoints` / 10 000 of this amount, rounded half up (away from zero) to the minor unit: 20 % VAT on
   * 0.63 EUR is 0.126 → 0.13, on 0.62 EUR 0.124 → 0.12; 5 % on 0.10 EUR is 0.005 → 0.01 (a tie goes up);
   * on -0.63 EUR (a credit note) it is -0.13, the mirror of the invoice.
   */
  percentage(basisPoints: number): Money {
    if (!Number.isSafeInteger(basisPoints))
      throw new InvalidValueError('rate', `rate ${basisPoints} is not an integer number of basis points`);
    const product = BigInt(this.minor) * BigInt(basisPoints);
    const whole = BigInt(WHOLE_IN_BASIS_POINTS);
    const quotient = product / whole; // truncated toward zero
    const remainder = product % whole;
    const rounded =
      2n * (remainder < 0n ? -remainder : remainder) >= whole ? quotient + (product < 0n ? -1n : 1n) : quotient;
    return Money.ofBig(rounded, this.currency);
  }

  /**
   * Splits this amount in proportion to `ratios` (non-negative integers, one at least positive), handing out
   * every minor unit: each part is its exact share rounded down, and the units left over go one each to the
   * parts with the largest remainders (the earliest part on a tie). The parts always add up to this amount.
   */
  allocate(ratios: readonly number[]): Money[] {
    if (ratios.length === 0 || ratios.some((ratio) => !Number.isSafeInteger(ratio) || ratio < 0))
      throw new InvalidValueError('ratios', 'ratios must be non-negative integers');
    const total = ratios.reduce((sum, ratio) => sum + BigInt(ratio), 0n);
    if (total === 0n) throw new InvalidValueError('ratios', 'at least one ratio must be positive');
    const sign = this.minor < 0 ? -1n : 1n;
    const amount = BigInt(this.minor) * sign;
    const exact = ratios.map((ratio) => amount * BigInt(ratio));
    const parts = exact.map((share) => share / total);
    let left = amount - parts.reduce((sum, part) => sum + part, 0n);
    const byRemainder = exact
      .map((share, index) => ({ index, remainder: share % total }))
      .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
    for (const { index } of byRemainder) {
      if (left === 0n) break;
      parts[index] += 1n;
      left -= 1n;
    }
    return parts.map((part) => Money.ofBig(part * sign, this.currency));
  }

  /** `count` parts as equal as can be: they differ by at most one minor unit, the larger ones first. */
  split(count: number): Money[] {
    if (!Number.isSafeInteger(count) || count < 1)
      throw new InvalidValueError('count', `cannot split in ${count} parts`);
    return this.allocate(Array.from({ length: count }, () => 1));
  }

  /** Negative, zero or positive as this amount is less than, equal to or greater than `other`. */
  compare(other: Money): number {
    this.assertSameCurrency(other);
    return Math.sign(this.minor - other.minor);
  }

  isGreaterThan(other: Money): boolean {
    return this.compare(other) > 0;
  }

  isLessThan(other: Money): boolean {
    return this.compare(other) < 0;
  }

  isZero(): boolean {
    return this.minor === 0;
  }

  isNegative(): boolean {
    return this.minor < 0;
  }

  isPositive(): boolean {
    return this.minor > 0;
  }

  toDecimal(): string {
    const exponent = Money.exponentOf(this.currency);
    const abs = Math.abs(this.minor)
      .toString()
      .padStart(exponent + 1, '0');
    const text = exponent === 0 ? abs : `${abs.slice(0, -exponent)}.${abs.slice(-exponent)}`;
    return this.minor < 0 ? `-${text}` : text;
  }

  toJSON(): MoneyProps {
    return { amount: this.minor, currency: this.currency };
  }

  override toString(): string {
    return `${this.toDecimal()} ${this.currency}`;
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency)
      throw new InvalidValueError('currency', `cannot combine ${this.currency} with ${other.currency}`);
  }
}
