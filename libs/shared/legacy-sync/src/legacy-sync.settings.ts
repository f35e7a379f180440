export interface ConnectorSettings {
  connectUrl: string;
  connector: string;
}

export interface LegacySyncSettings {
  enabled: boolean;
  topic: string;
  groupId: string;
  /** Where this context sets aside the table's changes it cannot take: `<context>.<prefix>.<TABLE>.dlq` (ADR 0044). */
  deadLetterTopic: string;
  connector: ConnectorSettings;
}

/**
 * `LEGACY_CDC=off` disables the sync; `LEGACY_TOPIC_PREFIX` is the connector's `topic.prefix` (default `legacy`),
 * so a table's topic is `<prefix>.public.<TABLE>`. Each table has its own consumer group, `<service>.<prefix>-<table>`
 * (`client-service.legacy-clients`), following the prefix: instances reading different captures (tests, benchmarks)
 * sharing one group would be assigned each other's topics and consume nothing. `LEGACY_<TABLE>_CONSUMER_GROUP`
 * overrides one table's group; `LEGACY_CONSUMER_GROUP` that of a service capturing a single table. Rows set aside go
 * to the context's own dead-letter topic of the table, `<context>.<prefix>.<TABLE>.dlq` (ADR 0044: several contexts
 * capture one table, each writes only its own).
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
    deadLetterTopic: legacyDeadLetterTopic(service, prefix, table),
    connector: {
      connectUrl: env.CONNECT_URL ?? 'http://127.0.0.1:8083',
      connector: env.LEGACY_CONNECTOR_NAME ?? 'legacy-postgres',
    },
  };
}

export const legacySyncEnabled = (env: NodeJS.ProcessEnv = process.env): boolean => env.LEGACY_CDC !== 'off';

/**
 * A context's dead-letter topic of a captured table, `<context>.<prefix>.<TABLE>.dlq` (`inventory.legacy.STOCK.dlq`):
 * the context's, not the table's, since several contexts capture one table (ADR 0044). The context is its service's
 * name without `-service` (the manifests' rule); the infrastructure names it the same way (contexts.js).
 */
export const legacyDeadLetterTopic = (service: string, prefix: string, table: string): string =>
  `${service.replace(/-service$/, '')}.${prefix}.${table}.dlq`;
