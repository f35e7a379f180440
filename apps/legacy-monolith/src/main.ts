import { Pool } from 'pg';
import { guardPool } from '@bascule/shared/persistence';
import { buildLegacyApp } from './legacy-app';
import { legacyDatabase } from './legacy-database';
import { legacyLogger, poolWarnings } from './legacy-logger';
import { numberSetting, portSetting } from '@bascule/shared/application';

async function main() {
  // A connection lost (a database restart or failover) is replaced, never an uncaught 'error' that kills the process.
  const pool = guardPool(new Pool(legacyDatabase()), 'legacy-monolith', poolWarnings(legacyLogger()));
  const app = buildLegacyApp({ pool, latencyMs: numberSetting(process.env, 'LEGACY_LATENCY_MS', 0) });
  const port = portSetting(process.env, 'LEGACY_HTTP_PORT', 8090);
  await app.listen({ port, host: process.env.HOST ?? '127.0.0.1' });
  console.log(`legacy-monolith ready\n  legacy API  http://127.0.0.1:${port}/api/clients`);
  const stop = () => void app.close().then(() => pool.end());
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error) => {
  console.error('legacy-monolith failed to start', error);
  process.exit(1);
});
