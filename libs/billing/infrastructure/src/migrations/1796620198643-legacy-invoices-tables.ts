import { keyMapTableUp, transactionBufferTablesUp } from '@bascule/shared/legacy-sync';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class LegacyInvoicesTables1796620198643 implements MigrationInterface {
  name = 'LegacyInvoicesTables1796620198643';

  async up(runner: QueryRunner): Promise<void> {
    // The key map of the legacy rows synced into invoices (a composite key as its canonical text) and the
    // buffer of their legacy transactions until each is complete (ADR 0031).
    const keyMap = { table: 'legacy_invoice_keys', keyType: 'text' } as const;
    const buffer = { changes: 'legacy_invoice_tx_changes', ends: 'legacy_invoice_tx_ends' };
    for (const statement of [...keyMapTableUp(keyMap), ...transactionBufferTablesUp(buffer)])
      await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE legacy_invoice_tx_changes, legacy_invoice_tx_ends, legacy_invoice_keys`);
  }
}
