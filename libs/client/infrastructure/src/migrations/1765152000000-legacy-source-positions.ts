import { sourcePositionsTableUp } from '@bascule/shared/legacy-sync';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The highest legacy position applied per captured topic: a restored legacy database is told from a replay (ADR 0035). */
export class LegacySourcePositions1765152000000 implements MigrationInterface {
  name = 'LegacySourcePositions1765152000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of sourcePositionsTableUp) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS legacy_source_positions');
  }
}
