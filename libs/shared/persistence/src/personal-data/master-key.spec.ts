import { randomBytes } from 'node:crypto';
import { MasterKey } from './master-key';

describe('the master keys of personal data, from the environment', () => {
  const [k1, k2] = [randomBytes(32).toString('hex'), randomBytes(32).toString('hex')];

  it('wraps with the current key, naming it, and unwraps with a previous one', () => {
    const old = MasterKey.fromEnv({ PERSONAL_DATA_MASTER_KEY: k1 });
    const { dataKey, wrapped, keyId } = old.newDataKey('s1');
    expect(keyId).toBe('k1');
    const ring = MasterKey.fromEnv({
      PERSONAL_DATA_MASTER_KEY: k2,
      PERSONAL_DATA_MASTER_KEY_ID: 'k2',
      PERSONAL_DATA_PREVIOUS_MASTER_KEYS: `k1:${k1}`,
    });
    expect(ring.ids).toEqual(['k2', 'k1']);
    expect(ring.unwrap('s1', wrapped, 'k1').equals(dataKey)).toBe(true);
    expect(ring.newDataKey('s2').keyId).toBe('k2');
    expect(() => MasterKey.of(k2, 'k2').unwrap('s1', wrapped, 'k1')).toThrow(
      'a subject key is wrapped by master key k1, which this process does not hold',
    );
  });

  it.each([
    [{}, 'PERSONAL_DATA_MASTER_KEY is not set'],
    [{ PERSONAL_DATA_MASTER_KEY: 'abc' }, 'PERSONAL_DATA_MASTER_KEY must be 32 bytes in hex'],
    [
      { PERSONAL_DATA_MASTER_KEY: k1, PERSONAL_DATA_MASTER_KEY_ID: 'K 1' },
      'PERSONAL_DATA_MASTER_KEY_ID: "K 1" is not a key id',
    ],
    [{ PERSONAL_DATA_MASTER_KEY: k1, PERSONAL_DATA_PREVIOUS_MASTER_KEYS: k2 }, 'must be id:hex pairs'],
    [{ PERSONAL_DATA_MASTER_KEY: k1, PERSONAL_DATA_PREVIOUS_MASTER_KEYS: `k1:${k2}` }, 'names k1, the current key'],
    [
      { PERSONAL_DATA_MASTER_KEY: k1, PERSONAL_DATA_PREVIOUS_MASTER_KEYS: 'k0:12' },
      'PERSONAL_DATA_PREVIOUS_MASTER_KEYS k0 must be 32 bytes',
    ],
  ])('refuses %j at start: %s', (env, message) => {
    expect(() => MasterKey.fromEnv(env)).toThrow(message);
  });
});
