import { randomBytes } from 'node:crypto';
import { MasterKey } from '@bascule/shared/persistence';
import { spawnTs, waitForExit } from '@bascule/shared/testing';
import { freePort } from './client-service.harness';
import { ClientServiceProcess, startClientServiceProcess } from './client-service.process';

/** client-service's own process refuses to start without a master key its stored data keys need (ADR 0033). */
describe('client-service at start, with the master keys its database needs', () => {
  let running: ClientServiceProcess;
  const k2 = randomBytes(32).toString('hex');

  beforeAll(async () => {
    running = await startClientServiceProcess();
    // A key that a rotation re-wrapped under k2 while this process's secrets still name only the first key.
    const { wrapped } = MasterKey.of(k2, 'k2').newDataKey('rotated-subject');
    await running.query('INSERT INTO subject_keys (subject_id, wrapped_key, master_key_id) VALUES ($1, $2, $3)', [
      'rotated-subject',
      wrapped,
      'k2',
    ]);
  });
  afterAll(async () => {
    await running?.stop();
  });

  const startAgain = async (env: Record<string, string>) => {
    const child = spawnTs('apps/client-service/src/main.ts', {
      LOG_LEVEL: 'warn',
      LEGACY_CDC: 'off',
      CLIENT_DATABASE: running.db.name,
      CLIENT_HTTP_PORT: String(await freePort()),
      CLIENT_GRPC_PORT: String(await freePort()),
      CLIENT_METRICS_PORT: String(await freePort()),
      ...env,
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await waitForExit(child);
    return { code, output };
  };

  it('stops, naming the key id, when its secrets lack a key the stored keys are wrapped by', async () => {
    const { code, output } = await startAgain({});
    expect(code).not.toBe(0);
    expect(output).toContain('a subject key is wrapped by master key k2, which this process does not hold');
  });

  it('stops, naming the id, when its secrets hold another key under that id', async () => {
    const current = process.env.PERSONAL_DATA_MASTER_KEY ?? '';
    const { code, output } = await startAgain({
      PERSONAL_DATA_MASTER_KEY_ID: process.env.PERSONAL_DATA_MASTER_KEY_ID ?? 'k1',
      PERSONAL_DATA_PREVIOUS_MASTER_KEYS: `k2:${randomBytes(32).toString('hex')}`,
      PERSONAL_DATA_MASTER_KEY: current,
    });
    expect(code).not.toBe(0);
    expect(output).toContain('master key k2 does not open the subject keys stored under that id');
  });

  it('stops on a malformed key id, naming the setting', async () => {
    const { code, output } = await startAgain({ PERSONAL_DATA_MASTER_KEY_ID: 'K 2' });
    expect(code).not.toBe(0);
    expect(output).toContain('PERSONAL_DATA_MASTER_KEY_ID: "K 2" is not a key id');
  });
});
