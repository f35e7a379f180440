import { keyMapManyKeysPerAggregateDown, keyMapManyKeysPerAggregateUp } from '@bascule/shared/legacy-sync';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { LEGACY_CLIENT_KEY_MAP } from '../legacy/legacy-client-key-map';

/** The key map as the platform's now is: several legacy keys may lead to one client (ADR 0031). */
export class LegacyClientKeysManyPerClient1764633600000 implements MigrationInterface {
  name = 'LegacyClientKeysManyPerClient1764633600000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of keyMapManyKeysPerAggregateUp(LEGACY_CLIENT_KEY_MAP)) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of keyMapManyKeysPerAggregateDown(LEGACY_CLIENT_KEY_MAP)) await runner.query(statement);
  }
}
