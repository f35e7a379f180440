import { numberSetting, portSetting } from './number-setting';

describe('numeric settings from the environment', () => {
  it.each([
    [undefined, 10],
    ['', 10],
    ['  ', 10],
    ['0', 0],
    ['2.5', 2.5],
    [' 30 ', 30],
  ])('%j reads as %d', (raw, value) => {
    expect(numberSetting({ AUTH_JWKS_COOLDOWN_SECONDS: raw }, 'AUTH_JWKS_COOLDOWN_SECONDS', 10)).toBe(value);
  });

  it.each(['ten', '10s', 'NaN', 'Infinity', '-1', '1e400'])('%j is refused with the setting name', (raw) => {
    expect(() => numberSetting({ AUTH_JWKS_COOLDOWN_SECONDS: raw }, 'AUTH_JWKS_COOLDOWN_SECONDS', 10)).toThrow(
      `AUTH_JWKS_COOLDOWN_SECONDS must be a number from 0, not "${raw}"`,
    );
  });

  it('refuses a fraction where a whole number is needed, and a value out of range', () => {
    expect(() => numberSetting({ DB_POOL_SIZE: '2.5' }, 'DB_POOL_SIZE', 20, { integer: true, min: 1 })).toThrow(
      'DB_POOL_SIZE must be a whole number from 1, not "2.5"',
    );
    expect(() => numberSetting({ DB_POOL_SIZE: '0' }, 'DB_POOL_SIZE', 20, { integer: true, min: 1 })).toThrow(
      'DB_POOL_SIZE must be a whole number from 1, not "0"',
    );
  });

  it('reads ports from 1 to 65535 only', () => {
    expect(portSetting({ PGPORT: '5433' }, 'PGPORT', 5432)).toBe(5433);
    expect(portSetting({}, 'PGPORT', 5432)).toBe(5432);
    for (const raw of ['0', '65536', '54 32', 'postgres'])
      expect(() => portSetting({ PGPORT: raw }, 'PGPORT', 5432)).toThrow(
        `PGPORT must be a whole number from 1 to 65535, not "${raw}"`,
      );
  });
});
