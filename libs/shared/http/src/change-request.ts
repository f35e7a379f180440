import { applyDecorators, createParamDecorator, ExecutionContext, HttpCode, PipeTransform, Post } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { cloudRequest, CommandTarget } from '@bascule/shared/application';
import { TSchema } from '@sinclair/typebox';
import { FastifyRequest } from 'fastify';
import { expectedVersionFrom } from './etag';
import { ApiJsonBody, ApiProblems, asOpenApi } from './openapi';
import { BodySchemaPipe, UuidParamPipe } from './request-validation';
import { requestActor } from './request-actor';

/** What a REST change of one resource carries: which one, at which version, for whom; and its checked body. */
export interface ChangeRequest<TBody = undefined> {
  target: CommandTarget;
  body: TBody;
}

/**
 * How a resource is named in its path: by default `:id`, the aggregate's UUID; a natural key (`:sku`) says its
 * parameter, how it is checked and the aggregate id it names.
 */
export interface ResourceKey {
  param: string;
  pipe: PipeTransform<string, string>;
  /** The aggregate id the checked value names. */
  toId(value: string): string;
  /** Its OpenAPI schema. */
  schema: Record<string, unknown>;
}

export const UUID_KEY: ResourceKey = {
  param: 'id',
  pipe: new UuidParamPipe(),
  toId: (id) => id,
  schema: { type: 'string', format: 'uuid' },
};

/**
 * The resource's path parameter (`:id`, a UUID, unless `key` says otherwise), the body checked against `schema`
 * (when given), `If-Match` (428 when missing, 412 when not an ETag) and the correlation id, checked in that
 * order, as one parameter.
 */
export function ChangeRequest(schema?: TSchema, key: ResourceKey = UUID_KEY): ParameterDecorator {
  const bodyPipe = schema && new BodySchemaPipe(schema);
  return createParamDecorator((_: unknown, context: ExecutionContext): ChangeRequest<unknown> => {
    const request = context.switchToHttp().getRequest<FastifyRequest<{ Params: Record<string, string> }>>();
    const aggregateId = key.toId(key.pipe.transform(request.params[key.param], { type: 'param', data: key.param }));
    const body = bodyPipe?.transform(request.body, { type: 'body' });
    const expectedVersion = expectedVersionFrom(request.headers['if-match']);
    return {
      target: { aggregateId, expectedVersion, metadata: cloudRequest(String(request.id), requestActor(request)) },
      body,
    };
  })();
}

export interface ChangeOperationOptions {
  summary: string;
  /** The schema of the body, when the change takes one. */
  body?: TSchema;
  /** The schema of the answer: the resource after the change. */
  answer: TSchema;
  /** How the path names the resource (default `:id`, a UUID). */
  key?: ResourceKey;
}

/** `POST <path>` changing one resource: 200 with the resource and its new ETag; If-Match required. */
export const ChangeOperation = (path: string, { summary, body, answer, key = UUID_KEY }: ChangeOperationOptions) =>
  applyDecorators(
    Post(path),
    HttpCode(200),
    ApiOperation({ summary }),
    ApiParam({ name: key.param, schema: key.schema }),
    ApiHeader({ name: 'If-Match', required: true, description: 'The ETag you read; missing → 428, stale → 412' }),
    ...(body ? [ApiJsonBody(body)] : []),
    ApiOkResponse({
      schema: asOpenApi(answer),
      description: 'After the change; the ETag header carries its new version',
    }),
    ApiProblems(400, 404, 409, 412, 428),
  );
