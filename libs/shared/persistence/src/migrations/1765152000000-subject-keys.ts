import { MigrationInterface, QueryRunner } from 'typeorm';
import { subjectKeysTableUp } from '../personal-data/subject-keys.sql';

/** Each subject's data key, destroyed by erasure (crypto-shredding, ADR 0033). */
export class SubjectKeys1765152000000 implements MigrationInterface {
  name = 'SubjectKeys1765152000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of subjectKeysTableUp) await runner.query(statement);
  }

  async down(): Promise<void> {
    // Leaves the table: dropping it would make every sealed field unreadable, not only the erased ones'.
  }
}
