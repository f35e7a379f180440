import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInvoiceLines1796610169286 implements MigrationInterface {
  name = 'CreateInvoiceLines1796610169286';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE invoice_lines (
        invoice_id uuid NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
        invoice_line_id uuid NOT NULL,
        position integer NOT NULL,
        sku text NOT NULL,
        quantity integer NOT NULL,
        unit_price_amount bigint NOT NULL,
        unit_price_currency char(3) NOT NULL CHECK (unit_price_currency ~ '^[A-Z]{3}$'),
        vat_rate integer NOT NULL,
        line_excl_vat_amount bigint NOT NULL,
        line_excl_vat_currency char(3) NOT NULL CHECK (line_excl_vat_currency ~ '^[A-Z]{3}$'),
        PRIMARY KEY (invoice_id, invoice_line_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE invoice_lines`);
  }
}
