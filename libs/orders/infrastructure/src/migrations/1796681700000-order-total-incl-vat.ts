import { MigrationInterface, QueryRunner } from 'typeorm';
import { totalInclVatColumns } from '../persistence/order.table';

/**
 * What the client pays, VAT included, and the rate each line was charged at (ADR 0068). Null on orders placed before
 * and on the legacy system's orders: the saga then charges `total`, as it did. The index of the backlog (ADR 0069).
 */
export class OrderTotalInclVat1796681700000 implements MigrationInterface {
  name = 'OrderTotalInclVat1796681700000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE orders
      ADD COLUMN IF NOT EXISTS ${totalInclVatColumns.amount} bigint,
      ADD COLUMN IF NOT EXISTS ${totalInclVatColumns.currency} char(3) CHECK (${totalInclVatColumns.currency} ~ '^[A-Z]{3}$'),
      ADD CONSTRAINT total_incl_vat_money_whole
        CHECK ((${totalInclVatColumns.amount} IS NULL) = (${totalInclVatColumns.currency} IS NULL))`);
    await runner.query(`ALTER TABLE order_lines
      ADD COLUMN IF NOT EXISTS vat_rate integer CHECK (vat_rate IN (2000, 1000, 550, 210))`);
    // The backlog of orders placed here waiting for their saga (ADR 0069), counted on every order placed.
    await runner.query(`CREATE INDEX IF NOT EXISTS orders_pending_placed ON orders (id)
      WHERE status = 'PENDING' AND ${totalInclVatColumns.amount} IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX IF EXISTS orders_pending_placed`);
    await runner.query(`ALTER TABLE order_lines DROP COLUMN IF EXISTS vat_rate`);
    await runner.query(`ALTER TABLE orders
      DROP CONSTRAINT IF EXISTS total_incl_vat_money_whole,
      DROP COLUMN IF EXISTS ${totalInclVatColumns.amount},
      DROP COLUMN IF EXISTS ${totalInclVatColumns.currency}`);
  }
}
