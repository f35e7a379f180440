import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FastifyInstance } from 'fastify';
import { Pool } from 'pg';
import { createTestDatabase, serviceRole } from '@bascule/shared/testing';
import { buildLegacyApp } from '../src/legacy-app';

export interface RunningLegacyApp {
  app: FastifyInstance;
  pool: Pool;
  close(): Promise<void>;
}

/** The legacy monolith on a fresh database with its old schema, for in-process HTTP tests. */
export async function startLegacyApp(prefix: string): Promise<RunningLegacyApp> {
  const db = await createTestDatabase(prefix, serviceRole('LEGACY'));
  const pool = new Pool({ ...db.settings, max: 4 });
  await pool.query(readFileSync(resolve(__dirname, '../sql/schema.sql'), 'utf8'));
  const app = buildLegacyApp({ pool, latencyMs: 0 });
  await app.ready();
  return {
    app,
    pool,
    close: async () => {
      await app.close();
      await pool.end();
      await db.drop();
    },
  };
}
