import { MigrationInterface, QueryRunner } from 'typeorm';

/** What the orders context keeps of inventory.stock-item-vat-rate-changed (on-stock-item-vat-rate-changed): only the fields it uses. */
export class KeepOnStockItemVatRateChanged1796681583183 implements MigrationInterface {
  name = 'KeepOnStockItemVatRateChanged1796681583183';

  async up(runner: QueryRunner): Promise<void> {
    // Another consumer may keep fields of the same aggregate in this table: each migration adds its own.
    await runner.query(`
      CREATE TABLE IF NOT EXISTS known_stock_items (
        id          text PRIMARY KEY,
        version     integer NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`ALTER TABLE known_stock_items ADD COLUMN IF NOT EXISTS sku text`);
    await runner.query(`ALTER TABLE known_stock_items ADD COLUMN IF NOT EXISTS vat_rate integer`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE known_stock_items DROP COLUMN IF EXISTS sku`);
    await runner.query(`ALTER TABLE known_stock_items DROP COLUMN IF EXISTS vat_rate`);
  }
}
