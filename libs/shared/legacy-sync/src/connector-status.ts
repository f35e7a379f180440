import { ConnectorSettings } from './legacy-sync.settings';

/**
 * Ready when the tables' consumers run and the Debezium connector and its task are RUNNING, as Kafka Connect
 * reports them; throws with what is not. For `/health/details`, never readiness (ADR 0014).
 */
export async function checkLegacyCapture(
  consumers: { topic: string; running: boolean }[],
  connector: ConnectorSettings,
): Promise<Record<string, unknown>> {
  const stopped = consumers.find((consumer) => !consumer.running);
  if (stopped) throw new Error(`consumer of ${stopped.topic} not running (starting, or restarting after a crash)`);
  const response = await fetch(`${connector.connectUrl}/connectors/${encodeURIComponent(connector.connector)}/status`, {
    signal: AbortSignal.timeout(2_000),
  });
  if (!response.ok) throw new Error(`connector ${connector.connector}: Kafka Connect answered ${response.status}`);
  const status = (await response.json()) as { connector: { state: string }; tasks: { state: string }[] };
  const failed = [status.connector, ...status.tasks].find((s) => s.state !== 'RUNNING');
  if (failed || status.tasks.length === 0)
    throw new Error(`connector ${connector.connector}: ${failed?.state ?? 'no task'}`);
  const topic = consumers.map((consumer) => consumer.topic).join(', ');
  return { connector: connector.connector, state: status.connector.state, topic };
}
