import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInvoices1796610093865 implements MigrationInterface {
  name = 'CreateInvoices1796610093865';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE invoices (
        id          uuid PRIMARY KEY,
        version     integer NOT NULL,
        order_id uuid NOT NULL,
        number text NOT NULL,
        issued_on date NOT NULL,
        total_excl_vat_amount bigint NOT NULL,
        total_excl_vat_currency char(3) NOT NULL CHECK (total_excl_vat_currency ~ '^[A-Z]{3}$'),
        total_vat_amount bigint NOT NULL,
        total_vat_currency char(3) NOT NULL CHECK (total_vat_currency ~ '^[A-Z]{3}$'),
        total_incl_vat_amount bigint NOT NULL,
        total_incl_vat_currency char(3) NOT NULL CHECK (total_incl_vat_currency ~ '^[A-Z]{3}$'),
        credited_incl_vat_amount bigint NOT NULL,
        credited_incl_vat_currency char(3) NOT NULL CHECK (credited_incl_vat_currency ~ '^[A-Z]{3}$'),
        status text NOT NULL CHECK (status IN ('ISSUED', 'PARTIALLY_CREDITED', 'CREDITED')),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX invoices_listing ON invoices (created_at, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE invoices`);
  }
}
