import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateStockItems1796606854044 implements MigrationInterface {
  name = 'CreateStockItems1796606854044';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE stock_items (
        id          uuid PRIMARY KEY,
        version     integer NOT NULL,
        sku text NOT NULL CONSTRAINT stock_items_sku_unique UNIQUE,
        label text NOT NULL,
        unit_price_amount bigint NOT NULL,
        unit_price_currency char(3) NOT NULL CHECK (unit_price_currency ~ '^[A-Z]{3}$'),
        on_hand integer NOT NULL CHECK (on_hand >= 0),
        reserved integer NOT NULL CHECK (reserved >= 0),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        -- The rule of the aggregate kept by the database too: available = on hand − reserved, never negative.
        CONSTRAINT stock_items_available_never_negative CHECK (reserved <= on_hand)
      )`);
    await runner.query(`CREATE INDEX stock_items_listing ON stock_items (created_at, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE stock_items`);
  }
}
