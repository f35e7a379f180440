import { DEFAULT_RELEASED_RETENTION_MS, transactionBufferSettingsFromEnv } from './transaction-buffer.settings';

describe('the transaction buffer settings', () => {
  it('keep released transactions 14 days and purge every minute by default', () => {
    expect(transactionBufferSettingsFromEnv({})).toEqual({
      releasedRetentionMs: DEFAULT_RELEASED_RETENTION_MS,
      purgeIntervalMs: 60_000,
    });
    expect(DEFAULT_RELEASED_RETENTION_MS).toBe(14 * 24 * 3600_000);
  });

  it('take the values given', () => {
    const env = { LEGACY_TX_RETENTION_MS: '3600000', LEGACY_TX_PURGE_INTERVAL_MS: '5000' };
    expect(transactionBufferSettingsFromEnv(env)).toEqual({ releasedRetentionMs: 3_600_000, purgeIntervalMs: 5_000 });
  });

  it('refuse a value that is not a positive whole number, naming the setting', () => {
    expect(() => transactionBufferSettingsFromEnv({ LEGACY_TX_RETENTION_MS: '14d' })).toThrow(/LEGACY_TX_RETENTION_MS/);
    expect(() => transactionBufferSettingsFromEnv({ LEGACY_TX_RETENTION_MS: '0' })).toThrow(/LEGACY_TX_RETENTION_MS/);
    expect(() => transactionBufferSettingsFromEnv({ LEGACY_TX_PURGE_INTERVAL_MS: 'soon' })).toThrow(
      /LEGACY_TX_PURGE_INTERVAL_MS/,
    );
  });
});
