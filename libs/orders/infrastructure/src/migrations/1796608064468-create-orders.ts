import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrders1796608064468 implements MigrationInterface {
  name = 'CreateOrders1796608064468';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE orders (
        id          uuid PRIMARY KEY,
        version     integer NOT NULL,
        client_id uuid NOT NULL,
        total_amount bigint NOT NULL,
        total_currency char(3) NOT NULL CHECK (total_currency ~ '^[A-Z]{3}$'),
        status text NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'REJECTED', 'SHIPPED', 'CANCELLED')),
        reason text,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX orders_listing ON orders (created_at, id)`);
    await runner.query(`CREATE INDEX orders_of_client ON orders (client_id, created_at, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE orders`);
  }
}
