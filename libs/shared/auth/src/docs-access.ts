import { INestApplication } from '@nestjs/common';
import { PROBLEM_CONTENT_TYPE, problemType } from '@bascule/shared/http';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AuthConfig } from './auth.config';
import { AuthError } from './auth.errors';
import { bearerToken, httpAnswerOf } from './auth.guard';
import { AUTH_CONFIG } from './auth.tokens';
import { TokenVerifier } from './token-verifier';

/** The role that opens `/metrics` and `/docs` when the configuration does not make them public. */
export const OBSERVER_ROLE = 'platform:observe';

/**
 * Whether a route (its pattern, as registered) belongs to the documents Swagger serves under `prefix`:
 * `/docs`, `/docs/…` (the UI, its init script, which inlines the document, and its assets), `/docs-json`, `/docs-yaml`.
 */
export function isDocsRoute(route: string | undefined, prefix = '/docs'): boolean {
  return route !== undefined && (route === prefix || route.startsWith(`${prefix}/`) || route.startsWith(`${prefix}-`));
}

/**
 * `/docs` is served by Swagger straight from Fastify, outside Nest's guards: unless DOCS_PUBLIC, a hook asks
 * for a token with the observer role, answering like the guard does. The rule is decided on the route Fastify
 * matched (`routeOptions.url`), never on the raw URL: Fastify decodes the path before routing, so `/%64ocs-json`
 * reaches the `/docs-json` route while its raw URL does not start with `/docs`.
 */
export function protectDocs(app: INestApplication, prefix = '/docs'): void {
  const config = app.get<AuthConfig>(AUTH_CONFIG);
  if (config.docsPublic) return;
  const observer = observerOnly(app.get(TokenVerifier));
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  fastify.addHook('onRequest', async (request, reply) => {
    if (isDocsRoute(request.routeOptions.url, prefix)) return observer(request, reply);
  });
}

/**
 * A Fastify `onRequest` hook for what Nest's guard does not see (Swagger's documents, the metrics server): it
 * answers as the guard does (401, 403, 503 problem+json) unless the caller's token carries the observer role.
 */
export function observerOnly(verifier: TokenVerifier) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const token = bearerToken(request.headers.authorization);
    try {
      if (!token) throw AuthError.noToken();
      const principal = await verifier.verify(token);
      if (!principal.roles.includes(OBSERVER_ROLE)) throw AuthError.missingRoles([OBSERVER_ROLE]);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      const { problem, headers } = httpAnswerOf(error, token !== undefined);
      void reply.headers(headers);
      return reply
        .status(problem.status)
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .send({
          type: problemType(problem.code),
          title: problem.title,
          status: problem.status,
          detail: problem.message,
          code: problem.code,
          instance: request.url,
        });
    }
  };
}
