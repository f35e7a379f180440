import { FastifyInstance } from 'fastify';
import { CORRELATION_HEADER } from './correlation';
import { observeHttpRequest } from './http-metrics';

/** Request duration metrics by route pattern, and the correlation id echoed on every response. */
export function instrumentFastify(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply) => {
    reply.header(CORRELATION_HEADER, request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    observeHttpRequest(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });
}
