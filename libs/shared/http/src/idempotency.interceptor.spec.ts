import { CallHandler, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { lastValueFrom, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import { IdempotencyInterceptor } from './idempotency.interceptor';

const contextOf = (key: string) =>
  ({
    switchToHttp: () => ({
      getRequest: () => ({
        method: 'POST',
        routeOptions: { url: '/clients' },
        headers: { 'idempotency-key': key },
        body: { name: 'x' },
        params: {},
      }),
      getResponse: () => ({ hasHeader: () => false }),
    }),
    getHandler: () => () => undefined,
  }) as unknown as ExecutionContext;

describe('IdempotencyInterceptor when freeing a key fails', () => {
  it('answers the request’s own error, not the release failure', async () => {
    const queries: string[] = [];
    const dataSource = {
      query: jest.fn(async (sql: string) => {
        queries.push(sql.trim().split(/\s/)[0]);
        if (sql.startsWith('INSERT')) return [{ key: 'k' }];
        if (sql.startsWith('DELETE')) throw new Error('connection terminated');
        return [];
      }),
    } as unknown as DataSource;
    const interceptor = new IdempotencyInterceptor(dataSource, new Reflector());
    const original = Object.assign(new Error('database unavailable'), { code: '57P01' });
    const next: CallHandler = { handle: () => throwError(() => original) };
    const answer = await interceptor.intercept(contextOf('k'), next);
    await expect(lastValueFrom(answer)).rejects.toBe(original);
    expect(queries).toEqual(['INSERT', 'DELETE']);
  });
});
