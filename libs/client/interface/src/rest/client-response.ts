import { ClientView, GetClientQuery } from '@bascule/client/application';
import { etagOf } from '@bascule/shared/http';
import { QueryBus } from '@nestjs/cqrs';
import { FastifyReply, FastifyRequest } from 'fastify';

/** Reads the client back after a command and answers with it and its ETag. */
export async function answerWithClient(queries: QueryBus, reply: FastifyReply, id: string): Promise<ClientView> {
  const view = await queries.execute(new GetClientQuery(id));
  void reply.header('etag', etagOf(view.version));
  return view;
}

export const correlationOf = (request: FastifyRequest) => String(request.id);
