import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import { inTransaction, MasterKey, rowsOf, SubjectKeys, subjectKeysTableUp } from '@bascule/shared/persistence';
import { createTestDatabase, TestDatabase } from '@bascule/shared/testing';

/**
 * `npm run keys:rotate` as a developer runs it, on a copy of this installation's secrets folder (its passwords are
 * the roles' own), with the client context's database pointed at one of this test's own.
 */
describe('npm run keys:rotate', () => {
  const secrets = join(mkdtempSync(join(tmpdir(), 'keys-rotate-')), 'secrets');
  let client: TestDatabase;
  let legacy: TestDatabase;
  let pool: Pool;
  const ring = () => {
    const env: NodeJS.ProcessEnv = {};
    for (const line of readFileSync(join(secrets, 'personal-data.env'), 'utf8').trim().split('\n')) {
      const [name, value] = line.split(/=(.*)/s);
      env[name] = value;
    }
    return MasterKey.fromEnv(env);
  };
  const rotate = (...args: string[]) =>
    execFileSync('bash', [resolve(__dirname, 'rotate-master-key.sh'), ...args], {
      env: {
        ...process.env,
        BASCULE_SECRETS: secrets,
        CONNECT_SECRETS_FILE: '',
        CLIENT_DATABASE: client.name,
        LEGACY_DATABASE: legacy.name,
        KEYS_ROTATE_BATCH: '10',
      },
      encoding: 'utf8',
    });

  beforeAll(async () => {
    cpSync(process.env.BASCULE_SECRETS ?? join(homedir(), '.bascule', 'secrets'), secrets, { recursive: true });
    const owner = {
      user: process.env.CLIENT_DB_USER ?? 'bascule_client_service',
      password: process.env.CLIENT_DB_PASSWORD ?? '',
    };
    client = await createTestDatabase('keys_rotate', owner);
    legacy = await createTestDatabase('keys_rotate_legacy');
    pool = new Pool({ ...client.settings, max: 2 });
    for (const statement of subjectKeysTableUp) await pool.query(statement);
  });
  afterAll(async () => {
    await pool?.end();
    await client?.drop();
    await legacy?.drop();
    rmSync(join(secrets, '..'), { recursive: true, force: true });
  });

  it('writes a new key, re-wraps every stored key under it showing progress, then retires the old one', async () => {
    const before = ring();
    const subjects = Array.from({ length: 45 }, (_, i) => `rotate-${i}`);
    const keys = await inTransaction(pool, (tx) => new SubjectKeys(before).keysFor(tx, subjects));

    expect(rotate()).toContain(`k${Number(before.currentId.slice(1)) + 1} is the new master key`);
    const during = ring();
    expect(during.ids).toEqual([during.currentId, before.currentId]);
    expect(readFileSync(join(secrets, 'processes', 'client-service.env'), 'utf8')).toContain(
      `PERSONAL_DATA_MASTER_KEY_ID=${during.currentId}\n`,
    );

    const output = rotate();
    expect(output).toContain(`${client.name}: 10/45 subject keys re-wrapped under ${during.currentId}`);
    expect(output).toContain(`${client.name}: 45 re-wrapped; every key is under ${during.currentId} (0 left)`);
    expect(output).toContain(`${legacy.name}: keeps no subject keys`);

    expect(rotate('--retire')).toContain(`${before.currentId} left ${secrets}`);
    const after = ring();
    expect(after.ids).toEqual([during.currentId]);
    const found = await new SubjectKeys(after).find(rowsOf(pool), subjects);
    expect(subjects.filter((s) => !(found.get(s) as Buffer).equals(keys.get(s) as Buffer))).toEqual([]);
  });
});
