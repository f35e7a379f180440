import { CompressionTypes } from 'kafkajs';
import { COMPRESSION_MIN_BYTES, compressionFor, kafkaSettingsFromEnv } from './kafka-client';

describe('the Kafka settings of a process', () => {
  it('no login: no SASL (the broker decides)', () => {
    expect(kafkaSettingsFromEnv('svc', { KAFKA_BROKERS: 'a:1, b:2' })).toEqual({
      brokers: ['a:1', 'b:2'],
      clientId: 'svc',
    });
  });

  it('its own principal, SCRAM-SHA-512 unless told', () => {
    expect(
      kafkaSettingsFromEnv('svc', { KAFKA_SASL_USERNAME: 'harbour-service', KAFKA_SASL_PASSWORD: 'p' }).sasl,
    ).toEqual({
      mechanism: 'scram-sha-512',
      username: 'harbour-service',
      password: 'p',
    });
    expect(
      kafkaSettingsFromEnv('svc', {
        KAFKA_SASL_USERNAME: 'u',
        KAFKA_SASL_PASSWORD: 'p',
        KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256',
      }).sasl?.mechanism,
    ).toBe('scram-sha-256');
  });

  it.each([
    [{ KAFKA_SASL_USERNAME: 'u' }, 'KAFKA_SASL_USERNAME is set but KAFKA_SASL_PASSWORD is not'],
    [{ KAFKA_SASL_PASSWORD: 'p' }, 'KAFKA_SASL_PASSWORD is set but KAFKA_SASL_USERNAME is not'],
    [
      { KAFKA_SASL_MECHANISM: 'plain' },
      'KAFKA_SASL_MECHANISM is set but KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are not',
    ],
    [
      { KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p', KAFKA_SASL_MECHANISM: 'gssapi' },
      'KAFKA_SASL_MECHANISM must be one of',
    ],
  ])('a half-set or unknown login is refused at start, naming the setting: %j', (env, message) => {
    expect(() => kafkaSettingsFromEnv('svc', env)).toThrow(message);
  });
});

describe('the codec of a batch', () => {
  const of = (...sizes: number[]) => sizes.map((n) => ({ value: 'x'.repeat(n) }));

  it('none below COMPRESSION_MIN_BYTES of values, gzip from there on, whatever the number of messages', () => {
    expect(compressionFor(of(600))).toBe(CompressionTypes.None);
    expect(compressionFor(of(4_000, 4_191))).toBe(CompressionTypes.None);
    expect(compressionFor(of(4_000, 4_192))).toBe(CompressionTypes.GZIP);
    expect(compressionFor(of(...Array(20).fill(500)))).toBe(CompressionTypes.GZIP);
    expect(compressionFor([{ value: Buffer.alloc(COMPRESSION_MIN_BYTES) }])).toBe(CompressionTypes.GZIP);
    expect(compressionFor([{ value: null }])).toBe(CompressionTypes.None);
  });
});
