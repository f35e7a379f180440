import { CLIENT_EVENTS_TOPIC } from '@bascule/client/contracts';
import { BadInputWorld, RunningService, startTestService } from '@bascule/shared/testing';
import { createClientApp } from '../src/client-service';
import { aRegistration } from './client-fixtures';

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

export interface ClientBadInputWorld {
  service: RunningClientService;
  /** The registration the client was registered with. */
  valid: ReturnType<typeof aRegistration>;
  /** A registered client (version 1). */
  id: string;
}

/** The world both bad-input suites (REST and gRPC) refuse input in: a registered client. */
async function startClientBadInputWorld(): Promise<ClientBadInputWorld> {
  const service = await startClientService();
  const valid = aRegistration();
  const id = (await service.http().post('/clients').send(valid).expect(201)).body.id;
  return { service, valid, id };
}

/** The world both bad-input suites (REST and gRPC) of client run their cases in. */
export const clientBadInputWorld: BadInputWorld<ClientBadInputWorld> = {
  start: startClientBadInputWorld,
  target: (world) => world.service,
  close: (world) => world.service.close(),
};
