import { MigrationInterface, QueryRunner } from 'typeorm';

/** A client may have no email (contact details incomplete, ADR 0021); among those with one it stays unique. */
export class ClientEmailOptional1764547200000 implements MigrationInterface {
  name = 'ClientEmailOptional1764547200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE clients ALTER COLUMN email DROP NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    // Fails while a client has no email: those must get one (or be erased) before going back.
    await runner.query(`ALTER TABLE clients ALTER COLUMN email SET NOT NULL`);
  }
}
