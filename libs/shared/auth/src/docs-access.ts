import { INestApplication } from '@nestjs/common';
import { PROBLEM_CONTENT_TYPE, problemType } from '@bascule/shared/http';
import { FastifyInstance } from 'fastify';
import { AuthConfig } from './auth.config';
import { AuthError } from './auth.errors';
import { bearerToken, httpAnswerOf } from './auth.guard';
import { AUTH_CONFIG } from './auth.tokens';
import { TokenVerifier } from './token-verifier';

/** The role that opens `/metrics` and `/docs` when the configuration does not make them public. */
export const OBSERVER_ROLE = 'platform:observe';

/**
 * `/docs` is served by Swagger straight from Fastify, outside Nest's guards: unless DOCS_PUBLIC, a hook asks
 * for a token with the observer role, answering like the guard does.
 */
export function protectDocs(app: INestApplication, prefix = '/docs'): void {
  const config = app.get<AuthConfig>(AUTH_CONFIG);
  if (config.docsPublic) return;
  const verifier = app.get(TokenVerifier);
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  fastify.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(prefix)) return;
    const token = bearerToken(request.headers.authorization);
    try {
      if (!token) throw AuthError.noToken();
      const principal = await verifier.verify(token);
      if (!principal.roles.includes(OBSERVER_ROLE)) throw AuthError.missingRoles([OBSERVER_ROLE]);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      const { problem, headers } = httpAnswerOf(error, token !== undefined);
      void reply.headers(headers);
      return reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send({ type: problemType(problem.code), title: problem.title, status: problem.status, detail: problem.message, code: problem.code, instance: request.url });
    }
  });
}
