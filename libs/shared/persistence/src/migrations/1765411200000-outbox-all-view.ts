import { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxAllViewDown, outboxAllViewUp } from '../tables/messaging-tables.sql';

/**
 * `outbox_all`: every event a context recorded, pending (`outbox`) and published (`outbox_sent`, ADR 0004), in `seq`
 * order, for whoever asks what a context emitted (an operator, a test) without knowing where the relay keeps them.
 */
export class OutboxAllView1765411200000 implements MigrationInterface {
  name = 'OutboxAllView1765411200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(outboxAllViewUp);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(outboxAllViewDown);
  }
}
