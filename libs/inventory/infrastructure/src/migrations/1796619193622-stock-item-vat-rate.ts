import { MigrationInterface, QueryRunner } from 'typeorm';

export class StockItemVatRate1796619193622 implements MigrationInterface {
  name = 'StockItemVatRate1796619193622';

  async up(runner: QueryRunner): Promise<void> {
    // Every stock item held so far was taxed at the standard rate (ADR 0054).
    await runner.query(
      `ALTER TABLE stock_items ADD COLUMN vat_rate integer NOT NULL DEFAULT 2000 CHECK (vat_rate IN (2000, 1000, 550, 210))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE stock_items DROP COLUMN vat_rate`);
  }
}
