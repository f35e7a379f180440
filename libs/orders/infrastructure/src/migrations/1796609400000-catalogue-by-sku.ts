import { MigrationInterface, QueryRunner } from 'typeorm';

/** The catalogue is read by sku (inventory keys one stock item per sku): one index, unique. */
export class CatalogueBySku1796609400000 implements MigrationInterface {
  name = 'CatalogueBySku1796609400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE UNIQUE INDEX IF NOT EXISTS known_stock_items_by_sku ON known_stock_items (sku)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX IF EXISTS known_stock_items_by_sku`);
  }
}
