import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrderLines1796608112377 implements MigrationInterface {
  name = 'CreateOrderLines1796608112377';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE order_lines (
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        order_line_id uuid NOT NULL,
        position integer NOT NULL,
        sku text NOT NULL,
        quantity integer NOT NULL,
        unit_price_amount bigint NOT NULL,
        unit_price_currency char(3) NOT NULL CHECK (unit_price_currency ~ '^[A-Z]{3}$'),
        line_total_amount bigint NOT NULL,
        line_total_currency char(3) NOT NULL CHECK (line_total_currency ~ '^[A-Z]{3}$'),
        PRIMARY KEY (order_id, order_line_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE order_lines`);
  }
}
