import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateStockReservationLines1796607271688 implements MigrationInterface {
  name = 'CreateStockReservationLines1796607271688';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE stock_reservation_lines (
        stock_reservation_id uuid NOT NULL REFERENCES stock_reservations (id) ON DELETE CASCADE,
        stock_reservation_line_id uuid NOT NULL,
        position integer NOT NULL,
        sku text NOT NULL,
        quantity integer NOT NULL,
        PRIMARY KEY (stock_reservation_id, stock_reservation_line_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE stock_reservation_lines`);
  }
}
