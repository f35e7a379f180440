import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { FastifyReply, FastifyRequest } from 'fastify';
import { lastValueFrom, Observable, of } from 'rxjs';
import { IdempotencyStore, IdempotentRequest, numberSetting } from '@bascule/shared/application';
import { HttpProblem } from './problem';
import { requestActor } from './request-actor';

const REPLAYED_HEADERS = ['location', 'etag'];

/** `IDEMPOTENCY_RETENTION_MS` (24 h): how long answers are kept for replay before they are purged. */
export function idempotencySettingsFromEnv(env: NodeJS.ProcessEnv = process.env): { retentionMs: number } {
  return { retentionMs: numberSetting(env, 'IDEMPOTENCY_RETENTION_MS', 24 * 3600_000, { integer: true, min: 1 }) };
}

/**
 * `Idempotency-Key` on POST (ADR 0030), per caller: the first request with a key runs, and its effect and its
 * answer commit together; the same key with the same body gets that answer again (`Idempotent-Replayed:
 * true`); with another body, 422 `IDEMPOTENCY.KEY_REUSED`; while the first still runs, 409
 * `IDEMPOTENCY.IN_FLIGHT`. A failed request keeps nothing: its retry runs again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = request.headers['idempotency-key'];
    if (key === undefined) return next.handle();
    if (typeof key !== 'string' || key.length < 1 || key.length > 255) {
      throw new HttpProblem(400, 'REQUEST.INVALID', 'Invalid request', 'Idempotency-Key must be 1 to 255 characters', [
        { parameter: 'Idempotency-Key', detail: 'must be 1 to 255 characters' },
      ]);
    }
    const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    const outcome = await this.store.once(idempotentRequestOf(request, key), async () => {
      // Called inside the key's transaction: the handler's command joins it.
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const headers = Object.fromEntries(
        REPLAYED_HEADERS.filter((h) => reply.hasHeader(h)).map((h) => [h, String(reply.getHeader(h))]),
      );
      return { status, headers, body, aggregateId: aggregateIdOf(request, body) };
    });
    if (outcome.kind === 'key-reused')
      throw new HttpProblem(
        422,
        'IDEMPOTENCY.KEY_REUSED',
        'Idempotency key reused',
        'This Idempotency-Key was used with a different request',
        [{ parameter: 'Idempotency-Key', detail: 'was used with a different body' }],
      );
    if (outcome.kind === 'in-flight')
      throw new HttpProblem(
        409,
        'IDEMPOTENCY.IN_FLIGHT',
        'Request in flight',
        'The first request with this Idempotency-Key is still running; retry later to get its answer',
        [{ parameter: 'Idempotency-Key', detail: 'its first request is still running' }],
      );
    const { answer, replayed } = outcome;
    if (replayed) void reply.status(answer.status).headers({ ...answer.headers, 'idempotent-replayed': 'true' });
    return of(answer.body);
  }
}

/** Whose key, for what: the caller (token subject and client; anonymous on a public route) and a hash of the request. */
export function idempotentRequestOf(request: FastifyRequest, key: string): IdempotentRequest {
  const actor = requestActor(request);
  const operation = `${request.method} ${request.routeOptions.url}`;
  return {
    caller: actor ? `${actor.client ?? ''}/${actor.subject}` : 'anonymous',
    operation,
    key,
    fingerprint: createHash('sha256')
      // The URL, not the route template: one key sent to /x/1 and then to /x/2 is another request, not a replay.
      .update(`${request.method} ${request.url}\n${canonicalJson(request.body ?? null)}`)
      .digest('hex'),
  };
}

/** JSON with object keys sorted at every depth: the same body however its fields were ordered. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** The aggregate an answer is about: the `:id` of the route, else the `id` of the answer (a creation). */
function aggregateIdOf(request: FastifyRequest, body: unknown): string | null {
  const id = (request.params as { id?: unknown } | undefined)?.id ?? (body as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' ? id : null;
}
