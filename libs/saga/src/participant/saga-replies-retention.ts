import { RetentionRule, retentionSettingsFromEnv } from '@bascule/shared/messaging';

/**
 * A participant's stored replies go with the inbox rows of the commands they answer (`INBOX_RETENTION_MS`, same
 * transaction, same clock): a command repeated after its inbox row is gone runs as new anyway, so its reply is no
 * longer needed. Read when the app is built (`forService({ retention })`).
 */
export const sagaRepliesRetention = (env: NodeJS.ProcessEnv = process.env): RetentionRule => ({
  table: 'saga_replies',
  column: 'answered_at',
  retentionMs: retentionSettingsFromEnv(env).inboxRetentionMs,
});
