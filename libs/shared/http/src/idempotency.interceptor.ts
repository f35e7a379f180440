import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { createHash, randomUUID } from 'node:crypto';
import { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, Observable, of } from 'rxjs';
import { DataSource } from 'typeorm';
import { HttpProblem } from './problem';
import { numberSetting } from '@bascule/shared/application';

const REPLAYED_HEADERS = ['location', 'etag'];

/**
 * `IDEMPOTENCY_LEASE_MS` (60 s): how long a key stays "in progress". A process that crashed mid-request
 * never frees its key; after the lease the next request with it runs instead of getting 409 forever.
 * Longer than any request can last (statements time out after `DB_STATEMENT_TIMEOUT_MS`, 30 s).
 * `IDEMPOTENCY_RETENTION_MS` (24 h): how long answers are kept for replay before they are purged.
 */
export function idempotencySettingsFromEnv(env: NodeJS.ProcessEnv = process.env): {
  leaseMs: number;
  retentionMs: number;
} {
  return {
    leaseMs: numberSetting(env, 'IDEMPOTENCY_LEASE_MS', 60_000, { integer: true, min: 1 }),
    retentionMs: numberSetting(env, 'IDEMPOTENCY_RETENTION_MS', 24 * 3600_000, { integer: true, min: 1 }),
  };
}

/**
 * Reserves a key, or takes over one whose in-progress lease has run out. Either way the row gets a new
 * `lease_id`: only the request holding it may store the answer or free the key, so a slow request whose
 * lease was taken over cannot overwrite or delete the new holder's row.
 */
const RESERVE = `INSERT INTO idempotency_keys (scope, key, request_hash, lease_id) VALUES ($1, $2, $3, $5)
  ON CONFLICT (scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, created_at = now(), lease_id = EXCLUDED.lease_id
  WHERE idempotency_keys.status IS NULL AND idempotency_keys.created_at < now() - $4::interval
  RETURNING key`;

/**
 * `Idempotency-Key` on POST: the first request with a key runs and its answer is stored; the same key with
 * the same body gets that answer again (`Idempotent-Replayed: true`); the same key with another body is a
 * 422; a key whose first request is still running is a 409, until its lease runs out (a crashed
 * process). A failed request frees its key; if freeing it fails too (the database away), that is logged,
 * the request's own error is answered, and the key is free again once its lease runs out.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly lease = `${idempotencySettingsFromEnv().leaseMs} milliseconds`;
  private readonly logger = new Logger('IdempotencyInterceptor');

  constructor(
    private readonly dataSource: DataSource,
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
    const scope = `${request.method} ${request.routeOptions.url}`;
    const hash = createHash('sha256')
      .update(JSON.stringify(request.body ?? null))
      .digest('hex');
    const leaseId = randomUUID();
    const reserved = await this.dataSource.query(RESERVE, [scope, key, hash, this.lease, leaseId]);
    if (reserved.length === 0) return of(await this.replay(scope, key, hash, reply));

    const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    return next.handle().pipe(
      mergeMap(async (body) => {
        const headers = Object.fromEntries(
          REPLAYED_HEADERS.filter((h) => reply.hasHeader(h)).map((h) => [h, String(reply.getHeader(h))]),
        );
        const [, stored] = await this.dataSource.query(
          `UPDATE idempotency_keys SET status = $3, headers = $4, body = $5, aggregate_id = $6 WHERE scope = $1 AND key = $2 AND lease_id = $7 AND status IS NULL`,
          [scope, key, status, headers, JSON.stringify(body ?? null), aggregateIdOf(request, body), leaseId],
        );
        if (stored === 0)
          this.logger.warn({
            scope,
            msg: 'idempotent request finished after its lease was taken over; its answer is not stored',
          });
        return body;
      }),
      catchError((error) =>
        from(
          this.release(scope, key, leaseId)
            .catch((releaseError) =>
              this.logger.warn({
                scope,
                err: releaseError,
                msg: 'could not free an idempotency key after a failed request; it is free again when its lease runs out',
              }),
            )
            .then(() => Promise.reject(error)),
        ),
      ),
    );
  }

  private async replay(scope: string, key: string, hash: string, reply: FastifyReply): Promise<unknown> {
    const [row] = await this.dataSource.query(
      `SELECT request_hash, status, headers, body FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    if (row.request_hash !== hash)
      throw new HttpProblem(
        422,
        'IDEMPOTENCY.KEY_REUSED',
        'Idempotency key reused',
        'This Idempotency-Key was used with a different request body',
        [{ parameter: 'Idempotency-Key', detail: 'was used with a different body' }],
      );
    if (row.status === null)
      throw new HttpProblem(
        409,
        'IDEMPOTENCY.IN_PROGRESS',
        'Request in progress',
        'The first request with this Idempotency-Key is still running; retry later',
      );
    void reply.status(row.status).headers({ ...row.headers, 'idempotent-replayed': 'true' });
    return row.body;
  }

  private release(scope: string, key: string, leaseId: string): Promise<unknown> {
    return this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND lease_id = $3 AND status IS NULL`,
      [scope, key, leaseId],
    );
  }
}

/** The aggregate an answer is about: the `:id` of the route, else the `id` of the answer (a creation). */
function aggregateIdOf(request: FastifyRequest, body: unknown): string | null {
  const id = (request.params as { id?: unknown } | undefined)?.id ?? (body as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' ? id : null;
}
