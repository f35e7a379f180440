import { LegacySyncSettings } from './legacy-clients-sync';

export interface ConnectorSettings {
  connectUrl: string;
  connector: string;
}

export function connectorSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ConnectorSettings {
  return {
    connectUrl: env.CONNECT_URL ?? 'http://127.0.0.1:8083',
    connector: env.LEGACY_CONNECTOR_NAME ?? 'legacy-postgres',
  };
}

/**
 * Ready when the legacy consumer runs and the Debezium connector and its task are RUNNING, as Kafka
 * Connect reports them; throws with what is not.
 */
export async function checkLegacyCdc(
  settings: LegacySyncSettings,
  consumerRunning: boolean,
  connector: ConnectorSettings,
): Promise<Record<string, unknown>> {
  if (!consumerRunning)
    throw new Error(`consumer of ${settings.topic} not running (starting, or restarting after a crash)`);
  const response = await fetch(`${connector.connectUrl}/connectors/${encodeURIComponent(connector.connector)}/status`, {
    signal: AbortSignal.timeout(2_000),
  });
  if (!response.ok) throw new Error(`connector ${connector.connector}: Kafka Connect answered ${response.status}`);
  const status = (await response.json()) as {
    connector: { state: string };
    tasks: { state: string; trace?: string }[];
  };
  const failed = [status.connector, ...status.tasks].find((s) => s.state !== 'RUNNING');
  if (failed || status.tasks.length === 0)
    throw new Error(`connector ${connector.connector}: ${failed?.state ?? 'no task'}`);
  return { connector: connector.connector, state: status.connector.state, topic: settings.topic };
}
