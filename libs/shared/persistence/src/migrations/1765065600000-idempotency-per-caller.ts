import { MigrationInterface, QueryRunner } from 'typeorm';
import { idempotencyPerCallerUp } from '../tables/idempotency-tables.sql';

/** Idempotency keys per caller, stored with their answer in the request's transaction (ADR 0030). */
export class IdempotencyPerCaller1765065600000 implements MigrationInterface {
  name = 'IdempotencyPerCaller1765065600000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of idempotencyPerCallerUp) await runner.query(statement);
  }

  async down(): Promise<void> {
    // Leaves the table: answers stored per caller cannot be folded back into one key space.
  }
}
