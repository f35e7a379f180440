import { legacySourceSettingsFromEnv } from './legacy-source';
import { lsnText } from './source-restore-guard';

describe('the legacy source settings', () => {
  it('read the service’s own server by default, the capture’s slot, a check every 15 s', () => {
    expect(legacySourceSettingsFromEnv({})).toEqual({
      slot: 'bascule_legacy',
      checkIntervalMs: 15_000,
      connection: undefined,
    });
  });

  it('name another server and a role of its own when LEGACY_SOURCE_PGHOST is set', () => {
    const settings = legacySourceSettingsFromEnv({
      LEGACY_SOURCE_PGHOST: 'legacy-db',
      LEGACY_SOURCE_PGUSER: 'bascule_legacy_watch',
      LEGACY_SOURCE_PGPASSWORD: 'secret',
      LEGACY_SLOT: 'other_slot',
    });
    expect(settings).toMatchObject({
      slot: 'other_slot',
      connection: {
        host: 'legacy-db',
        port: 5432,
        database: 'postgres',
        user: 'bascule_legacy_watch',
        password: 'secret',
      },
    });
  });

  it('refuse a check interval that is not a number', () => {
    expect(() => legacySourceSettingsFromEnv({ LEGACY_SOURCE_CHECK_INTERVAL_MS: '15s' })).toThrow(
      /LEGACY_SOURCE_CHECK_INTERVAL_MS/,
    );
  });
});

describe('an LSN as PostgreSQL writes it', () => {
  it.each([
    [0, '0/0'],
    [0x16b374d848, '16/B374D848'],
  ])('%d is %s', (lsn, text) => expect(lsnText(lsn)).toBe(text));
});
