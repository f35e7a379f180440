import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments the legacy system held: its transfers and direct debits have no card (a legacy card payment keeps none
 * either), a masked IBAN (country and last four, masked at capture), the day legacy recorded; a method it did not
 * record stays unknown.
 */
export class PaymentsFromLegacy1796623000000 implements MigrationInterface {
  name = 'PaymentsFromLegacy1796623000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE payments
        ALTER COLUMN card_last4 DROP NOT NULL,
        ALTER COLUMN card_type DROP NOT NULL,
        ADD COLUMN method text CHECK (method IN ('CARD', 'TRANSFER', 'DIRECT_DEBIT')),
        ADD COLUMN masked_iban text,
        ADD COLUMN paid_on text`);
    // Every payment made here so far was by card.
    await runner.query(`UPDATE payments SET method = 'CARD'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM payments WHERE card_last4 IS NULL OR card_type IS NULL`);
    await runner.query(`
      ALTER TABLE payments DROP COLUMN paid_on, DROP COLUMN masked_iban, DROP COLUMN method,
        ALTER COLUMN card_type SET NOT NULL, ALTER COLUMN card_last4 SET NOT NULL`);
  }
}
