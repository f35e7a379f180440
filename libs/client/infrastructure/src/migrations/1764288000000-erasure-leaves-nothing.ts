import {
  idempotencyAggregateDown,
  idempotencyAggregateUp,
  outboxAggregateIndexDown,
  outboxAggregateIndexUp,
} from '@bascule/shared/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** What erasure needs to find a client's data in the bookkeeping tables (ADR 0007): answers and outbox rows by aggregate. */
export class ErasureLeavesNothing1764288000000 implements MigrationInterface {
  name = 'ErasureLeavesNothing1764288000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of [...idempotencyAggregateUp, ...outboxAggregateIndexUp]) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of [...outboxAggregateIndexDown, ...idempotencyAggregateDown]) await runner.query(statement);
  }
}
