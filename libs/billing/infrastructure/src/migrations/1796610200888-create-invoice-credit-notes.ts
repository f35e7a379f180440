import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInvoiceCreditNotes1796610200888 implements MigrationInterface {
  name = 'CreateInvoiceCreditNotes1796610200888';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE invoice_credit_notes (
        invoice_id uuid NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
        credit_note_id uuid NOT NULL,
        position integer NOT NULL,
        number text NOT NULL,
        amount_amount bigint NOT NULL,
        amount_currency char(3) NOT NULL CHECK (amount_currency ~ '^[A-Z]{3}$'),
        reason text NOT NULL,
        issued_on date NOT NULL,
        PRIMARY KEY (invoice_id, credit_note_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE invoice_credit_notes`);
  }
}
