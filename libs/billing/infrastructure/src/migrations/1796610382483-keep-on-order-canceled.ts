import { MigrationInterface, QueryRunner } from 'typeorm';

/** What the billing context keeps of orders.order-canceled (on-order-canceled): only the fields it uses. */
export class KeepOnOrderCanceled1796610382483 implements MigrationInterface {
  name = 'KeepOnOrderCanceled1796610382483';

  async up(runner: QueryRunner): Promise<void> {
    // Another consumer may keep fields of the same aggregate in this table: each migration adds its own.
    await runner.query(`
      CREATE TABLE IF NOT EXISTS known_orders (
        id          text PRIMARY KEY,
        version     integer NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`ALTER TABLE known_orders ADD COLUMN IF NOT EXISTS status text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE known_orders DROP COLUMN IF EXISTS status`);
  }
}
