import { CallHandler, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IdempotencyStore, IdempotentOutcome } from '@bascule/shared/application';
import { FastifyRequest } from 'fastify';
import { lastValueFrom, of } from 'rxjs';
import { canonicalJson, IdempotencyInterceptor, idempotentRequestOf } from './idempotency.interceptor';
import { HttpProblem } from './problem';

const requestOf = (body: unknown, principal?: { subject: string; clientId?: string }, url = '/clients') =>
  ({
    method: 'POST',
    url,
    routeOptions: { url: url.startsWith('/clients/') ? '/clients/:id/rename' : '/clients' },
    headers: { 'idempotency-key': 'k' },
    body,
    params: {},
    principal,
  }) as unknown as FastifyRequest;

describe('idempotentRequestOf', () => {
  const ada = { subject: 'user-1', clientId: 'portal' };

  it('gives the same fingerprint to the same body whatever the order of its fields', () => {
    const one = idempotentRequestOf(requestOf({ a: 1, b: { c: [1, { d: 2, e: 3 }] } }, ada), 'k');
    const other = idempotentRequestOf(requestOf({ b: { c: [1, { e: 3, d: 2 }] }, a: 1 }, ada), 'k');
    expect(other).toEqual(one);
  });

  it('gives another body, or another array order, another fingerprint', () => {
    const one = idempotentRequestOf(requestOf({ a: [1, 2] }, ada), 'k').fingerprint;
    expect(idempotentRequestOf(requestOf({ a: [2, 1] }, ada), 'k').fingerprint).not.toBe(one);
    expect(idempotentRequestOf(requestOf({ a: [1, 2], b: null }, ada), 'k').fingerprint).not.toBe(one);
  });

  it('gives the same body sent to another resource of one route another fingerprint', () => {
    const first = idempotentRequestOf(requestOf({ name: 'x' }, ada, '/clients/1/rename'), 'k');
    const second = idempotentRequestOf(requestOf({ name: 'x' }, ada, '/clients/2/rename'), 'k');
    expect(second.operation).toBe(first.operation);
    expect(second.fingerprint).not.toBe(first.fingerprint);
  });

  it('scopes a key to the token subject and to the client it was issued to', () => {
    const callers = [
      ada,
      { subject: 'user-2', clientId: 'portal' },
      { subject: 'user-1', clientId: 'batch' },
      { subject: 'user-1' },
      undefined,
    ].map((principal) => idempotentRequestOf(requestOf({}, principal), 'k').caller);
    expect(new Set(callers).size).toBe(callers.length);
  });

  it('writes canonical JSON as JSON', () => {
    const value = { z: 'é"', a: [true, null, 1.5], m: { y: undefined, x: 'x' } };
    expect(JSON.parse(canonicalJson(value))).toEqual({ z: 'é"', a: [true, null, 1.5], m: { x: 'x' } });
    expect(canonicalJson(value)).toBe('{"a":[true,null,1.5],"m":{"x":"x"},"z":"é\\""}');
  });
});

describe('IdempotencyInterceptor', () => {
  const run = async (outcome: IdempotentOutcome) => {
    const reply = { status: jest.fn(), headers: jest.fn(), hasHeader: () => false };
    reply.status.mockReturnValue(reply);
    const context = {
      switchToHttp: () => ({ getRequest: () => requestOf({ a: 1 }, { subject: 's' }), getResponse: () => reply }),
      getHandler: () => () => undefined,
    } as unknown as ExecutionContext;
    const store: IdempotencyStore = { once: async () => outcome };
    const next: CallHandler = { handle: () => of('unused') };
    const answer = lastValueFrom(await new IdempotencyInterceptor(store, new Reflector()).intercept(context, next));
    return { answer, reply };
  };

  it('answers 409 IDEMPOTENCY.IN_FLIGHT naming the header while the first request runs', async () => {
    await expect(run({ kind: 'in-flight' })).rejects.toMatchObject({
      status: 409,
      code: 'IDEMPOTENCY.IN_FLIGHT',
    } satisfies Partial<HttpProblem>);
  });

  it('answers 422 IDEMPOTENCY.KEY_REUSED for another body', async () => {
    await expect(run({ kind: 'key-reused' })).rejects.toMatchObject({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
  });

  it('replays a stored answer with its status and headers, marked as replayed', async () => {
    const answer = {
      status: 201,
      headers: { location: '/clients/1', etag: '"1"' },
      body: { id: '1' },
      aggregateId: '1',
    };
    const { answer: body, reply } = await run({ kind: 'answered', answer, replayed: true });
    expect(await body).toEqual({ id: '1' });
    expect(reply.status).toHaveBeenCalledWith(201);
    expect(reply.headers).toHaveBeenCalledWith({ ...answer.headers, 'idempotent-replayed': 'true' });
  });
});
