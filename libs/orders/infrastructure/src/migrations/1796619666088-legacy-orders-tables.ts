import { keyMapTableUp, transactionBufferTablesUp } from '@bascule/shared/legacy-sync';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class LegacyOrdersTables1796619666088 implements MigrationInterface {
  name = 'LegacyOrdersTables1796619666088';

  async up(runner: QueryRunner): Promise<void> {
    // The key map of the legacy rows synced into orders (a composite key as its canonical text) and the
    // buffer of their legacy transactions until each is complete (ADR 0031).
    const keyMap = { table: 'legacy_order_keys', keyType: 'text' } as const;
    const buffer = { changes: 'legacy_order_tx_changes', ends: 'legacy_order_tx_ends' };
    for (const statement of [...keyMapTableUp(keyMap), ...transactionBufferTablesUp(buffer)])
      await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE legacy_order_tx_changes, legacy_order_tx_ends, legacy_order_keys`);
  }
}
