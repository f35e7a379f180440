import { MigrationInterface, QueryRunner } from 'typeorm';
import { sagaDeferredCommandsDown, sagaDeferredCommandsUp } from '../saga-replies-table.sql';

/** Commands deferred until the context learns what they wait for, kept in `saga_replies` (ADR 0070). */
export class SagaDeferredCommands1796691945308 implements MigrationInterface {
  name = 'SagaDeferredCommands1796691945308';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of sagaDeferredCommandsUp) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of sagaDeferredCommandsDown) await runner.query(statement);
  }
}
