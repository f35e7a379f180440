import { MigrationInterface, QueryRunner } from 'typeorm';

/** Gap-free numbering (ADR 0043): one counter row per series and year; one invoice per order; numbers unique. */
export class NumberSeries1796613000000 implements MigrationInterface {
  name = 'NumberSeries1796613000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE number_series (
        series text NOT NULL CHECK (series IN ('INVOICE', 'CREDIT_NOTE')),
        year   integer NOT NULL CHECK (year BETWEEN 2000 AND 9999),
        last   integer NOT NULL CHECK (last >= 1),
        PRIMARY KEY (series, year)
      )`);
    await runner.query(`CREATE UNIQUE INDEX invoices_number_unique ON invoices (number)`);
    await runner.query(`CREATE UNIQUE INDEX invoices_order_unique ON invoices (order_id)`);
    await runner.query(`CREATE UNIQUE INDEX invoice_credit_notes_number_unique ON invoice_credit_notes (number)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX invoice_credit_notes_number_unique`);
    await runner.query(`DROP INDEX invoices_order_unique`);
    await runner.query(`DROP INDEX invoices_number_unique`);
    await runner.query(`DROP TABLE number_series`);
  }
}
