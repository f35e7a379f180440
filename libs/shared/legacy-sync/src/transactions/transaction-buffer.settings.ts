import { numberSetting } from '@bascule/shared/application';

/** 14 days: longer than the topics' 7-day retention, so a replay from the start still finds what it released. */
export const DEFAULT_RELEASED_RETENTION_MS = 14 * 24 * 3600_000;

export interface TransactionBufferSettings {
  /** How long a released transaction's END is kept: replays within it are skipped, its xid reused after it is new. */
  releasedRetentionMs: number;
  /** How often released ENDs past that retention are purged. */
  purgeIntervalMs: number;
}

/** `LEGACY_TX_RETENTION_MS` (14 days) and `LEGACY_TX_PURGE_INTERVAL_MS` (1 min); anything not a number is refused. */
export function transactionBufferSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): TransactionBufferSettings {
  return {
    releasedRetentionMs: numberSetting(env, 'LEGACY_TX_RETENTION_MS', DEFAULT_RELEASED_RETENTION_MS, {
      min: 1,
      integer: true,
    }),
    purgeIntervalMs: numberSetting(env, 'LEGACY_TX_PURGE_INTERVAL_MS', 60_000, { min: 1, integer: true }),
  };
}
