import { idempotencyLeaseDown, idempotencyLeaseUp } from '@bascule/shared/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Idempotency keys record which reservation holds them, so a request whose lease was taken over cannot touch the new holder's row. */
export class IdempotencyLeaseOwner1764374400000 implements MigrationInterface {
  name = 'IdempotencyLeaseOwner1764374400000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of idempotencyLeaseUp) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of idempotencyLeaseDown) await runner.query(statement);
  }
}
