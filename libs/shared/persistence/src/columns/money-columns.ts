import { Money } from '@bascule/shared/ddd';

/** The two columns of `<name>`: amount in minor units (pg returns a bigint as text) and ISO 4217 code. */
export type MoneyColumnValues<N extends string> = { [K in `${N}_amount`]: number | string | null } & {
  [K in `${N}_currency`]: string | null;
};

/**
 * Money stored as two columns, `<name>_amount bigint` (minor units) and `<name>_currency char(3)`, for an
 * AggregateTable (its column types, toRow, toAggregate) and its migration (the DDL), so that an amount is never a
 * NUMERIC or a float in the database either (ADR 0024).
 */
export class MoneyColumns<N extends string> {
  readonly amount: `${N}_amount`;
  readonly currency: `${N}_currency`;

  constructor(readonly name: N) {
    if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`"${name}" is not a snake_case column name`);
    this.amount = `${name}_amount`;
    this.currency = `${name}_currency`;
  }

  /** The columns' SQL types, to spread into `AggregateTable.columns`. */
  get sqlTypes(): { [K in keyof MoneyColumnValues<N>]: string } {
    return { [this.amount]: 'bigint', [this.currency]: 'char(3)' } as { [K in keyof MoneyColumnValues<N>]: string };
  }

  /** The two column definitions of a CREATE TABLE (or, each, of an ALTER TABLE … ADD COLUMN); both null or neither. */
  ddl({ nullable = false }: { nullable?: boolean } = {}): string {
    const notNull = nullable ? '' : ' NOT NULL';
    const both = nullable
      ? `,\n  CONSTRAINT ${this.name}_money_whole CHECK ((${this.amount} IS NULL) = (${this.currency} IS NULL))`
      : '';
    return (
      `${this.amount} bigint${notNull},\n` +
      `  ${this.currency} char(3)${notNull} CHECK (${this.currency} ~ '^[A-Z]{3}$')` +
      both
    );
  }

  /** The row's two values for `money` (nulls for none), to spread into `toRow`. */
  toRow(money: Money | null | undefined): MoneyColumnValues<N> {
    return { [this.amount]: money?.minor ?? null, [this.currency]: money?.currency ?? null } as MoneyColumnValues<N>;
  }

  /** The money in `row`; the bigint text is parsed exactly and refused beyond the safe integer range. */
  fromRow(row: MoneyColumnValues<N>): Money {
    const money = this.optionalFromRow(row);
    if (!money) throw new Error(`${this.amount} and ${this.currency} are null`);
    return money;
  }

  /** As fromRow, null when both columns are null. */
  optionalFromRow(row: MoneyColumnValues<N>): Money | null {
    const amount = row[this.amount] as number | string | null;
    const currency = row[this.currency] as string | null;
    if (amount === null && currency === null) return null;
    if (amount === null || currency === null) throw new Error(`${this.amount} and ${this.currency} must both be set`);
    return typeof amount === 'number' ? Money.of(amount, currency) : Money.fromMinorText(amount, currency);
  }
}

/** `moneyColumns('total')`: the `total_amount` / `total_currency` pair. */
export function moneyColumns<N extends string>(name: N): MoneyColumns<N> {
  return new MoneyColumns(name);
}
