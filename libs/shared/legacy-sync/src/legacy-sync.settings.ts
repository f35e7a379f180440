export interface ConnectorSettings {
  connectUrl: string;
  connector: string;
}

export interface LegacySyncSettings {
  enabled: boolean;
  topic: string;
  groupId: string;
  connector: ConnectorSettings;
}

/**
 * `LEGACY_CDC=off` disables the sync; `LEGACY_TOPIC_PREFIX` is the connector's `topic.prefix` (default `legacy`),
 * so a table's topic is `<prefix>.public.<TABLE>`. Each table has its own consumer group, `<service>.<prefix>-<table>`
 * (`client-service.legacy-clients`), following the prefix: instances reading different captures (tests, benchmarks)
 * sharing one group would be assigned each other's topics and consume nothing. `LEGACY_<TABLE>_CONSUMER_GROUP`
 * overrides one table's group; `LEGACY_CONSUMER_GROUP` that of a service capturing a single table.
 * `CONNECT_URL` and `LEGACY_CONNECTOR_NAME` say where Kafka Connect reports the connector.
 */
export function legacySyncSettingsFromEnv(
  service: string,
  table: string,
  env: NodeJS.ProcessEnv = process.env,
): LegacySyncSettings {
  const prefix = env.LEGACY_TOPIC_PREFIX ?? 'legacy';
  return {
    enabled: legacySyncEnabled(env),
    topic: `${prefix}.public.${table}`,
    groupId:
      env[`LEGACY_${table.toUpperCase()}_CONSUMER_GROUP`] ??
      env.LEGACY_CONSUMER_GROUP ??
      `${service}.${prefix}-${table.toLowerCase()}`,
    connector: {
      connectUrl: env.CONNECT_URL ?? 'http://127.0.0.1:8083',
      connector: env.LEGACY_CONNECTOR_NAME ?? 'legacy-postgres',
    },
  };
}

export const legacySyncEnabled = (env: NodeJS.ProcessEnv = process.env): boolean => env.LEGACY_CDC !== 'off';
