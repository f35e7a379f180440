import { MigrationInterface, QueryRunner } from 'typeorm';

/** What the orders context keeps of client.client-erased (on-client-erased): only the fields it uses. */
export class KeepOnClientErased1796608379736 implements MigrationInterface {
  name = 'KeepOnClientErased1796608379736';

  async up(runner: QueryRunner): Promise<void> {
    // Another consumer may keep fields of the same aggregate in this table: each migration adds its own.
    await runner.query(`
      CREATE TABLE IF NOT EXISTS known_clients (
        id          text PRIMARY KEY,
        version     integer NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`ALTER TABLE known_clients ADD COLUMN IF NOT EXISTS status text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE known_clients DROP COLUMN IF EXISTS status`);
  }
}
