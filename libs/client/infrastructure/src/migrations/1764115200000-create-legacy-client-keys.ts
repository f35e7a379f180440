import { MigrationInterface, QueryRunner } from 'typeorm';

/** The ACL's key map: legacy NO_CLIENT ⇄ client id, the last applied change, and the row as legacy wrote it. */
export class CreateLegacyClientKeys1764115200000 implements MigrationInterface {
  name = 'CreateLegacyClientKeys1764115200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE legacy_client_keys (
        no_client   integer PRIMARY KEY,
        client_id   uuid NOT NULL UNIQUE,
        last_lsn    bigint NOT NULL,
        deleted     boolean NOT NULL DEFAULT false,
        legacy_row  jsonb,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE legacy_client_keys`);
  }
}
