import { Actor } from '@bascule/shared/contracts';
import { FastifyRequest } from 'fastify';

/** The verified caller `AuthGuard` put on the request (ids only), if the route required a token. */
export function requestActor(request: FastifyRequest): Actor | undefined {
  const principal = (request as { principal?: { subject: string; clientId?: string } }).principal;
  if (!principal) return undefined;
  return principal.clientId
    ? { subject: principal.subject, client: principal.clientId }
    : { subject: principal.subject };
}
