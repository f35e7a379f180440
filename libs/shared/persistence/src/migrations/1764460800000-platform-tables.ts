import { MigrationInterface, QueryRunner } from 'typeorm';
import { idempotencyAggregateUp, idempotencyLeaseUp, idempotencyTableUp } from '../tables/idempotency-tables.sql';
import { IdempotencyPerCaller1765065600000 } from './1765065600000-idempotency-per-caller';
import { SubjectKeys1765152000000 } from './1765152000000-subject-keys';
import { SubjectKeyMasterIds1765238400000 } from './1765238400000-subject-key-master-ids';
import { CheaperMarks1765324800000 } from './1765324800000-cheaper-marks';
import { OutboxAllView1765411200000 } from './1765411200000-outbox-all-view';
import { messagingTablesUp, outboxAggregateIndexUp } from '../tables/messaging-tables.sql';

/**
 * The tables every context's database has: outbox, inbox, idempotency keys (with the aggregate they answer
 * about and the lease that holds them). Idempotent, so a context whose earlier migrations already made them
 * (the client's) lists it too and gets a no-op (ADR 0018).
 */
export class PlatformTables1764460800000 implements MigrationInterface {
  name = 'PlatformTables1764460800000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = [
      ...messagingTablesUp,
      ...outboxAggregateIndexUp,
      ...idempotencyTableUp,
      ...idempotencyAggregateUp,
      ...idempotencyLeaseUp,
    ];
    for (const statement of statements) await runner.query(statement);
  }

  async down(): Promise<void> {
    // Leaves the tables: reverting a context's schema must never drop unsent outbox rows with it.
  }
}

/** What a context appends to its migrations list; later platform changes are added here. */
export const platformMigrations = [
  PlatformTables1764460800000,
  IdempotencyPerCaller1765065600000,
  SubjectKeys1765152000000,
  SubjectKeyMasterIds1765238400000,
  CheaperMarks1765324800000,
  OutboxAllView1765411200000,
];
