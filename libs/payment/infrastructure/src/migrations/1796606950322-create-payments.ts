import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePayments1796606950322 implements MigrationInterface {
  name = 'CreatePayments1796606950322';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE payments (
        id          uuid PRIMARY KEY,
        version     integer NOT NULL,
        order_id uuid NOT NULL,
        authorized_amount_amount bigint NOT NULL,
        authorized_amount_currency char(3) NOT NULL CHECK (authorized_amount_currency ~ '^[A-Z]{3}$'),
        status text NOT NULL CHECK (status IN ('AUTHORIZED', 'DECLINED', 'CAPTURED', 'VOIDED', 'REFUNDED', 'PARTIALLY_REFUNDED')),
        decline_reason text,
        card_last4 text NOT NULL,
        card_type text NOT NULL,
        captured_amount_amount bigint,
        captured_amount_currency char(3) CHECK (captured_amount_currency ~ '^[A-Z]{3}$'),
        CONSTRAINT captured_amount_money_whole CHECK ((captured_amount_amount IS NULL) = (captured_amount_currency IS NULL)),
        refunded_amount_amount bigint,
        refunded_amount_currency char(3) CHECK (refunded_amount_currency ~ '^[A-Z]{3}$'),
        CONSTRAINT refunded_amount_money_whole CHECK ((refunded_amount_amount IS NULL) = (refunded_amount_currency IS NULL)),
        provider_reference text,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX payments_listing ON payments (created_at, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE payments`);
  }
}
