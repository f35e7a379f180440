import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  inboxProcessedAtBtreeDropped,
  inboxProcessedAtIndexUp,
  outboxSentRowsMoved,
  outboxSentTableUp,
} from '../tables/messaging-tables.sql';

/**
 * Cheaper marks and inbox rows (ADR 0004, 0027): published outbox rows live in `outbox_sent`, where the relay
 * moves each acknowledged row instead of updating `outbox.sent_at` (rows an earlier relay marked in place move
 * with this migration); the inbox's `processed_at` index becomes a BRIN one.
 */
export class CheaperMarks1765324800000 implements MigrationInterface {
  name = 'CheaperMarks1765324800000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of outboxSentTableUp) await runner.query(statement);
    await runner.query(outboxSentRowsMoved);
    for (const statement of inboxProcessedAtIndexUp) await runner.query(statement);
    await runner.query(inboxProcessedAtBtreeDropped);
  }

  async down(): Promise<void> {
    // Leaves the table: the rows in it are the published history the retention keeps.
  }
}
