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
    // GET /payments?orderId= pages through one order's payments.
    await runner.query(`CREATE INDEX payments_of_order ON payments (order_id, created_at, id)`);
    // The refund rule, kept by the database too: refunds never exceed the capture, nothing is captured twice.
    await runner.query(`
      ALTER TABLE payments ADD CONSTRAINT payments_capture_within_authorization
        CHECK (captured_amount_amount IS NULL OR captured_amount_amount <= authorized_amount_amount),
      ADD CONSTRAINT payments_refunds_within_capture
        CHECK (refunded_amount_amount IS NULL OR refunded_amount_amount <= captured_amount_amount)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE payments`);
  }
}
