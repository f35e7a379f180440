import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateStockReservations1796607234632 implements MigrationInterface {
  name = 'CreateStockReservations1796607234632';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE stock_reservations (
        id          uuid PRIMARY KEY,
        version     integer NOT NULL,
        status text NOT NULL CHECK (status IN ('RESERVED', 'REJECTED', 'RELEASED', 'COMMITTED')),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX stock_reservations_listing ON stock_reservations (created_at, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE stock_reservations`);
  }
}
