import { ChildProcess, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { clientDatabaseOptions } from '@bascule/client/infrastructure';
import { postgresSettings, spawnTs, waitForOutput, writeConnectSecrets } from '@bascule/shared/testing';
import { freePort } from '../apps/client-service/test/client-service.harness';

const root = resolve(__dirname, '..');
const connectUrl = process.env.CONNECT_URL ?? 'http://127.0.0.1:8083';

/** The client context's migrations run on a fresh database, as the service runs them at start. */
export async function migrateClientDatabase(database: string): Promise<void> {
  await (
    await new DataSource(clientDatabaseOptions({ ...process.env, CLIENT_DATABASE: database })).initialize()
  ).destroy();
}

/** client-service on its own database, syncing the capture `<prefix>.public.*` that `connector` writes; resolves once ready. */
export async function startSyncingService(database: string, prefix: string, connector: string): Promise<ChildProcess> {
  const app = spawnTs('apps/client-service/src/main.ts', {
    // `--require ./bench/cpu-profile.js` profiles the service under the bench's load.
    ...(process.env.BENCH_CDC_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_CDC_NODE_OPTIONS } : {}),
    CLIENT_DATABASE: database,
    CLIENT_HTTP_PORT: String(await freePort()),
    CLIENT_GRPC_PORT: String(await freePort()),
    CLIENT_METRICS_PORT: String(await freePort()),
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    LEGACY_CDC: 'on',
    LEGACY_TOPIC_PREFIX: prefix,
    LEGACY_CONNECTOR_NAME: connector,
  });
  await waitForOutput(app, /client-service ready/);
  return app;
}

/** A Debezium connector capturing `legacyDatabase` under `prefix`, with its own slot, publication, account and salt (ADR 0013). */
export function registerCapture(id: string, legacyDatabase: string, prefix: string, connector: string): void {
  const { user, password } = postgresSettings();
  const secrets = writeConnectSecrets(`bench-${id}`, {
    'legacy.db.user': user,
    'legacy.db.password': password,
    'legacy.hash.salt': randomBytes(32).toString('hex'),
  });
  secretsOf.set(connector, secrets);
  execFileSync(process.execPath, ['tools/infra/connect/register-connector.js'], {
    cwd: root,
    env: {
      ...process.env,
      LEGACY_CONNECTOR_NAME: connector,
      LEGACY_DATABASE: legacyDatabase,
      LEGACY_TOPIC_PREFIX: prefix,
      LEGACY_SLOT: `${prefix}_slot`,
      LEGACY_PUBLICATION: `${prefix}_publication`,
      LEGACY_PUBLICATION_AUTOCREATE: 'filtered',
      CONNECT_SECRETS_FILE: secrets,
    },
  });
}

/** Deletes the connector and the secrets file only it read. */
export async function deleteCapture(connector: string): Promise<void> {
  await fetch(`${connectUrl}/connectors/${connector}`, { method: 'DELETE' }).catch(() => undefined);
  const secrets = secretsOf.get(connector);
  if (secrets) rmSync(secrets, { force: true });
}

const secretsOf = new Map<string, string>();
