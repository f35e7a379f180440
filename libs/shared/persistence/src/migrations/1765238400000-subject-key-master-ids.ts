import { MigrationInterface, QueryRunner } from 'typeorm';
import { subjectKeysMasterKeyIdUp } from '../personal-data/subject-keys.sql';

/** Each stored data key names the master key that wraps it, so master keys can be rotated (ADR 0033). */
export class SubjectKeyMasterIds1765238400000 implements MigrationInterface {
  name = 'SubjectKeyMasterIds1765238400000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of subjectKeysMasterKeyIdUp()) await runner.query(statement);
  }

  async down(): Promise<void> {
    // Leaves the column: without it, keys re-wrapped by a rotation could not be told from the others.
  }
}
