import { idempotencyTableDown, idempotencyTableUp } from '@bascule/shared/persistence';
import { messagingTablesDown, messagingTablesUp } from '@bascule/shared/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateClients1764028800000 implements MigrationInterface {
  name = 'CreateClients1764028800000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE clients (
        id                  uuid PRIMARY KEY,
        version             integer NOT NULL,
        given_name          text NOT NULL,
        family_name         text NOT NULL,
        email               text NOT NULL,
        phone               text,
        address_line1       text,
        address_line2       text,
        postal_code         text,
        city                text,
        country             char(2),
        company_id          text,
        status              text NOT NULL CHECK (status IN ('ACTIVE', 'INACTIVE', 'ERASED')),
        deactivation_reason text,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    // The email is unique among clients that are not erased; this index is the guard under concurrency.
    await runner.query(`CREATE UNIQUE INDEX clients_email_unique ON clients (email) WHERE status <> 'ERASED'`);
    await runner.query(`CREATE INDEX clients_listing ON clients (created_at, id)`);
    await runner.query(`CREATE INDEX clients_status ON clients (status)`);
    for (const statement of [...messagingTablesUp, ...idempotencyTableUp]) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of [...idempotencyTableDown, ...messagingTablesDown]) await runner.query(statement);
    await runner.query(`DROP TABLE clients`);
  }
}
