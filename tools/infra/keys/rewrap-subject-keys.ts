// The data part of `npm run keys:rotate` (rotate-master-key.sh): in every context database that keeps subject keys,
// re-wraps those still under an old master key under the current one, showing its progress (ADR 0033).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import { keysUnderOldMasterKeys, MasterKey, rewrapSubjectKeys, rowsOf, SubjectKeys } from '@bascule/shared/persistence';

interface ContextDatabase {
  prefix: string;
  user: string;
  database: string;
}

/** The context databases of the manifests, each reached as its owner role (its password from postgres.env). */
function contextDatabases(): ContextDatabase[] {
  const roles = execFileSync('node', [resolve(__dirname, '../contexts/contexts.js'), 'roles'], { encoding: 'utf8' });
  return roles
    .trim()
    .split('\n')
    .map((line) => line.split(' '))
    .filter(([, , , kind]) => kind === 'owner')
    .map(([prefix, role, database]) => ({
      prefix,
      user: process.env[`${prefix}_DB_USER`] || role,
      database: process.env[`${prefix}_DATABASE`] || database,
    }));
}

async function rewrapDatabase(context: ContextDatabase, master: MasterKey): Promise<void> {
  const pool = new Pool({
    user: context.user,
    database: context.database,
    password: process.env[`${context.prefix}_DB_PASSWORD`],
    max: 2,
  });
  const name = `${context.database}`;
  try {
    const { rows } = await pool.query<{ table: string | null }>(`SELECT to_regclass('subject_keys') AS table`);
    if (!rows[0].table) return console.log(`keys:rotate: ${name}: keeps no subject keys`);
    await new SubjectKeys(master).checkMasterKeys(rowsOf(pool));
    const done = await rewrapSubjectKeys(pool, master, {
      batchSize: Number(process.env.KEYS_ROTATE_BATCH ?? 500),
      onProgress: ({ rewrapped, total }) =>
        console.log(`keys:rotate: ${name}: ${rewrapped}/${total} subject keys re-wrapped under ${master.currentId}`),
    });
    const left = await keysUnderOldMasterKeys(pool, master);
    console.log(
      `keys:rotate: ${name}: ${done.rewrapped} re-wrapped; every key is under ${master.currentId} (${left} left)`,
    );
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  const master = MasterKey.fromEnv();
  for (const context of contextDatabases()) await rewrapDatabase(context, master);
}

main().catch((error: Error) => {
  console.error(`keys:rotate: ${error.message}`);
  process.exit(1);
});
