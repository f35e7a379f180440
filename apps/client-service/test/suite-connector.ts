import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { postgresSettings, writeConnectSecrets } from '@bascule/shared/testing';

const root = resolve(__dirname, '../../..');

/**
 * Registers a suite's own Debezium connector on its own legacy database, as production registers one
 * (`register-connector.js`), its login, password and salt through the worker's FileConfigProvider (ADR 0013).
 */
export function registerSuiteConnector(suite: {
  id: string;
  connector: string;
  database: string;
  topicPrefix: string;
  /** Debezium's table.include.list; the manifest's captured tables when absent. */
  tables?: string;
}): void {
  const connectSecrets = writeConnectSecrets(`test-${suite.id}`, {
    'legacy.db.user': postgresSettings().user,
    'legacy.db.password': postgresSettings().password,
    'legacy.hash.salt': randomBytes(32).toString('hex'),
  });
  execFileSync(process.execPath, ['tools/infra/connect/register-connector.js'], {
    cwd: root,
    env: {
      ...process.env,
      LEGACY_CONNECTOR_NAME: suite.connector,
      LEGACY_DATABASE: suite.database,
      LEGACY_TOPIC_PREFIX: suite.topicPrefix,
      LEGACY_SLOT: `slot_${suite.id}`,
      LEGACY_PUBLICATION: `pub_${suite.id}`,
      LEGACY_PUBLICATION_AUTOCREATE: 'filtered',
      ...(suite.tables ? { LEGACY_TABLE_INCLUDE_LIST: suite.tables } : {}),
      CONNECT_SECRETS_FILE: connectSecrets,
    },
  });
}
