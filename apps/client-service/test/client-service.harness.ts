import { CLIENT_EVENTS_TOPIC } from '@bascule/client/contracts';
import { RunningService, startTestService } from '@bascule/shared/testing';
import { createClientApp } from '../src/client-service';

export { freePort } from '@bascule/shared/testing';
export type RunningClientService = RunningService;

/** The real client-service (HTTP + gRPC + relay) on a fresh database and the real broker; legacy capture off. */
export function startClientService(env: Record<string, string> = {}): Promise<RunningClientService> {
  return startTestService({
    prefix: 'CLIENT',
    topics: [CLIENT_EVENTS_TOPIC, `${CLIENT_EVENTS_TOPIC}.dlq`],
    create: createClientApp,
    env: { LEGACY_CDC: 'off', ...env },
  });
}
