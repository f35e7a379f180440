import { Actor, actorOf } from '@bascule/shared/contracts';
import { FastifyRequest } from 'fastify';

/** The verified caller `AuthGuard` put on the request (ids only), if the route required a token. */
export function requestActor(request: FastifyRequest): Actor | undefined {
  return actorOf((request as { principal?: { subject: string; clientId?: string } }).principal);
}
