import { ConnectorSettings, legacySyncEnabled, legacySyncSettingsFromEnv } from '../legacy-sync.settings';

export interface GroupedSyncSettings {
  enabled: boolean;
  /** Each table's topic, consumer group and the context's dead-letter topic of it, by table. */
  tables: Record<string, { topic: string; groupId: string; deadLetterTopic: string }>;
  /** The connector's `<prefix>.transaction` topic and this service's group on it. */
  transactions: { topic: string; groupId: string };
  connector: ConnectorSettings;
}

/**
 * A group's topics and consumer groups, as for one table (`legacySyncSettingsFromEnv`), except that
 * `LEGACY_CONSUMER_GROUP` is not read: one group on several topics would share their partitions out among
 * consumers that each read one topic. The transaction topic is `<prefix>.transaction`, its group
 * `<service>.<prefix>-transaction` (`LEGACY_TRANSACTION_CONSUMER_GROUP`), followed by `.<group>` for a named group:
 * each group of a context reads every transaction END, so two groups never share a consumer group on that topic.
 */
export function groupedSyncSettingsFromEnv(
  service: string,
  tables: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  group?: string,
): GroupedSyncSettings {
  const prefix = env.LEGACY_TOPIC_PREFIX ?? 'legacy';
  const single = { ...env, LEGACY_CONSUMER_GROUP: undefined };
  const settings = tables.map((table) => [table, legacySyncSettingsFromEnv(service, table, single)] as const);
  return {
    enabled: legacySyncEnabled(env),
    tables: Object.fromEntries(
      settings.map(([table, { topic, groupId, deadLetterTopic }]) => [table, { topic, groupId, deadLetterTopic }]),
    ),
    transactions: {
      topic: `${prefix}.transaction`,
      groupId: `${env.LEGACY_TRANSACTION_CONSUMER_GROUP ?? `${service}.${prefix}-transaction`}${group ? `.${group}` : ''}`,
    },
    connector: legacySyncSettingsFromEnv(service, tables[0] ?? '', env).connector,
  };
}
