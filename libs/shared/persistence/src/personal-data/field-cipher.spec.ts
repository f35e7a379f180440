import { randomBytes } from 'node:crypto';
import { isSealed } from '@bascule/shared/contracts';
import { decrypt, encrypt, openValue, sealValue, subjectOfSealed } from './field-cipher';
import { MasterKey } from './master-key';

const subject = '0b9e3c1a-6d5f-4c1e-9a57-2f1c0a7e4b11';

describe('sealed personal fields (AES-256-GCM, ADR 0033)', () => {
  const key = randomBytes(32);

  it('opens what it sealed, whatever the JSON value (a string, null, an address)', () => {
    for (const value of ['Ada', null, { line1: '12 St James Square', country: 'GB' }]) {
      const token = sealValue(key, subject, 'field', value);
      expect(isSealed(token)).toBe(true);
      expect(subjectOfSealed(token)).toBe(subject);
      expect(openValue(key, 'field', token)).toEqual(value);
    }
  });

  it('shows nothing of the value, and never the same token twice (a fresh IV each time)', () => {
    const first = sealValue(key, subject, 'email', 'ada@example.com');
    expect(first).not.toMatch(/ada|example/i);
    expect(sealValue(key, subject, 'email', 'ada@example.com')).not.toBe(first);
  });

  it('refuses another key, another field, another subject or a changed byte', () => {
    const token = sealValue(key, subject, 'email', 'ada@example.com');
    expect(() => openValue(randomBytes(32), 'email', token)).toThrow();
    expect(() => openValue(key, 'givenName', token)).toThrow();
    expect(() => openValue(key, 'email', token.replace(subject, subject.replace('0b', '0c')))).toThrow();
    const sealed = encrypt(key, Buffer.from('x'), 'here');
    sealed[sealed.length - 1] ^= 1;
    expect(() => decrypt(key, sealed, 'here')).toThrow();
  });
});

describe('the master key wraps each subject’s data key', () => {
  const master = MasterKey.of(randomBytes(32).toString('hex'));

  it('unwraps its own wrapping for the same subject only', () => {
    const { dataKey, wrapped } = master.newDataKey(subject);
    expect(master.unwrap(subject, wrapped)).toEqual(dataKey);
    expect(wrapped.includes(dataKey)).toBe(false);
    expect(() => master.unwrap('another', wrapped)).toThrow();
    expect(() => MasterKey.of(randomBytes(32).toString('hex')).unwrap(subject, wrapped)).toThrow();
  });

  it('refuses to start without a 32-byte key, naming the variable and never its value', () => {
    expect(() => MasterKey.fromEnv({})).toThrow('PERSONAL_DATA_MASTER_KEY is not set');
    expect(() => MasterKey.fromEnv({ PERSONAL_DATA_MASTER_KEY: 'abcd' })).toThrow(/^PERSONAL_DATA_MASTER_KEY must be/);
  });
});
