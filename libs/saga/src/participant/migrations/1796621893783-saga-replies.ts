import { MigrationInterface, QueryRunner } from 'typeorm';
import { sagaRepliesTableDown, sagaRepliesTableUp } from '../saga-replies-table.sql';

/** `saga_replies`, in the database of a context that takes part in sagas (listed after `platformMigrations`). */
export class SagaReplies1796621893783 implements MigrationInterface {
  name = 'SagaReplies1796621893783';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of sagaRepliesTableUp) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of sagaRepliesTableDown) await runner.query(statement);
  }
}
