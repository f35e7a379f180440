import { MigrationInterface, QueryRunner } from 'typeorm';

/** CANCELLING: a CONFIRMED order whose client asked to cancel it, until its cancellation saga completes (ADR 0059). */
export class OrderCancellingStatus1796800590000 implements MigrationInterface {
  name = 'OrderCancellingStatus1796800590000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE orders DROP CONSTRAINT orders_status_check, ADD CONSTRAINT orders_status_check
      CHECK (status IN ('PENDING', 'CONFIRMED', 'REJECTED', 'SHIPPED', 'CANCELLING', 'CANCELLED'))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE orders DROP CONSTRAINT orders_status_check, ADD CONSTRAINT orders_status_check
      CHECK (status IN ('PENDING', 'CONFIRMED', 'REJECTED', 'SHIPPED', 'CANCELLED'))`);
  }
}
