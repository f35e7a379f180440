import { MigrationInterface, QueryRunner } from 'typeorm';
import { sagasTableDown, sagasTableUp } from '../sagas-table.sql';

export class Sagas1796785500000 implements MigrationInterface {
  name = 'Sagas1796785500000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of sagasTableUp) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of sagasTableDown) await runner.query(statement);
  }
}

/** What an orchestrator's database adds to the platform's migrations (outbox, inbox): `[...platformMigrations, ...sagaMigrations]`. */
export const sagaMigrations = [Sagas1796785500000];
