import { MoneyJson } from '@bascule/shared/contracts';
import { MalformedChange } from './debezium-change';

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A `numeric` column Debezium sends as text (`decimal.handling.mode=string`) as an amount in integer minor units
 * (`'12.50'` → 1250 cents of EUR). Exact: digits finer than the currency's minor unit (`'0.125'` in EUR), or
 * beyond a safe integer, make the row corrupt (thrown, the row is set aside), never rounded.
 */
export function capturedMoney(column: string, decimal: string, currency: string, exponent = 2): MoneyJson {
  const match = DECIMAL.exec(decimal);
  const fraction = (match?.[3] ?? '').replace(/0+$/, '');
  if (!match || fraction.length > exponent)
    throw new MalformedChange(`${column} is not an amount of ${currency} (${exponent} decimals at most)`);
  const minor = Number(`${match[2]}${fraction.padEnd(exponent, '0')}`);
  if (!Number.isSafeInteger(minor)) throw new MalformedChange(`${column} is beyond a safe integer of minor units`);
  return { amount: match[1] === '-' && minor !== 0 ? -minor : minor, currency };
}

/** An amount times a count of units (a line's price times its quantity), exact or the row is corrupt. */
export function capturedMoneyTimes(amount: MoneyJson, units: number): MoneyJson {
  const product = amount.amount * units;
  if (!Number.isSafeInteger(product)) throw new MalformedChange('an amount times its units is beyond a safe integer');
  return { amount: product === 0 ? 0 : product, currency: amount.currency };
}
