import { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxSentRowsMoved, outboxSentTableUp } from '../tables/messaging-tables.sql';

/**
 * Published outbox rows live in `outbox_sent` (ADR 0004): the relay moves each acknowledged row there instead of
 * updating `outbox.sent_at`. Rows an earlier relay marked in place move with this migration.
 */
export class OutboxSent1765238400000 implements MigrationInterface {
  name = 'OutboxSent1765238400000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of outboxSentTableUp) await runner.query(statement);
    await runner.query(outboxSentRowsMoved);
  }

  async down(): Promise<void> {
    // Leaves the table: the rows in it are the published history the retention keeps.
  }
}
