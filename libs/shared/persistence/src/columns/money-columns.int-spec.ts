import { moneyFromMessage, MoneySchema, moneyToMessage } from '@bascule/shared/contracts';
import { Money } from '@bascule/shared/ddd';
import { createTestDatabase, TestDatabase } from '@bascule/shared/testing';
import { Value } from '@sinclair/typebox/value';
import { Pool } from 'pg';
import { moneyColumns } from './money-columns';

describe('Money in two columns on PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  const price = moneyColumns('price');
  const discount = moneyColumns('discount');
  const types = { id: 'integer', ...price.sqlTypes, ...discount.sqlTypes };
  type Row = { id: number } & ReturnType<typeof price.toRow> & ReturnType<typeof discount.toRow>;

  /** Writes rows with the aggregate store's multi-row form (one array per column, cast to its type). */
  const insert = async (rows: Row[]) => {
    const columns = Object.keys(types) as (keyof Row & keyof typeof types)[];
    const arrays = columns.map((column, i) => `$${i + 1}::${types[column]}[]`).join(', ');
    await pool.query(
      `INSERT INTO priced (${columns.join(', ')}) SELECT * FROM unnest(${arrays})`,
      columns.map((column) => rows.map((row) => row[column])),
    );
  };
  const load = async (id: number) => (await pool.query<Row>('SELECT * FROM priced WHERE id = $1', [id])).rows[0];

  beforeAll(async () => {
    db = await createTestDatabase('money_columns');
    pool = new Pool({ ...db.settings, max: 2 });
    await pool.query(
      `CREATE TABLE priced (id integer PRIMARY KEY, ${price.ddl()}, ${discount.ddl({ nullable: true })})`,
    );
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('declares bigint minor units and a char(3) code', async () => {
    const { rows } = await pool.query(
      `SELECT column_name, data_type, character_maximum_length AS length, is_nullable
         FROM information_schema.columns WHERE table_name = 'priced' AND column_name <> 'id' ORDER BY column_name`,
    );
    expect(rows).toEqual([
      { column_name: 'discount_amount', data_type: 'bigint', length: null, is_nullable: 'YES' },
      { column_name: 'discount_currency', data_type: 'character', length: 3, is_nullable: 'YES' },
      { column_name: 'price_amount', data_type: 'bigint', length: null, is_nullable: 'NO' },
      { column_name: 'price_currency', data_type: 'character', length: 3, is_nullable: 'NO' },
    ]);
  });

  it('round-trips Money → JSON → proto message → columns → Money exactly, to the edges of the safe range', async () => {
    const amounts = [
      Money.of(0, 'EUR'),
      Money.of(1999, 'EUR'),
      Money.of(-1250, 'EUR'),
      Money.of(500, 'JPY'),
      Money.fromDecimal('1.234', 'KWD'),
      Money.of(Number.MAX_SAFE_INTEGER, 'EUR'),
      Money.of(Number.MIN_SAFE_INTEGER, 'USD'),
    ];
    const received = amounts.map((money) => {
      const json = JSON.parse(JSON.stringify(money));
      expect(Value.Check(MoneySchema, json)).toBe(true);
      return Money.fromJSON(moneyFromMessage(moneyToMessage(json)));
    });
    await insert(
      received.map((money, id) => ({
        id,
        ...price.toRow(money),
        ...discount.toRow(id % 2 ? money.split(2)[1] : null),
      })),
    );
    for (const [id, money] of amounts.entries()) {
      const row = await load(id);
      expect(typeof row.price_amount).toBe('string');
      expect(price.fromRow(row)).toEqual(money);
      expect(discount.optionalFromRow(row)).toEqual(id % 2 ? money.split(2)[1] : null);
    }
  });

  it('refuses to read an amount beyond the safe range rather than round it, and stores no malformed pair', async () => {
    await pool.query(`INSERT INTO priced VALUES (100, 9007199254740993, 'EUR', NULL, NULL)`);
    await expect(load(100).then((row) => price.fromRow(row))).rejects.toThrow(/safe range/);
    await expect(pool.query(`INSERT INTO priced VALUES (101, 1, 'eur', NULL, NULL)`)).rejects.toThrow(/check/);
    await expect(pool.query(`INSERT INTO priced VALUES (102, 1, 'EUR', 5, NULL)`)).rejects.toThrow(
      /discount_money_whole/,
    );
    expect(() => discount.fromRow({ discount_amount: null, discount_currency: null })).toThrow(/null/);
  });
});
