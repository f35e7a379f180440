import { createHash, randomUUID } from 'node:crypto';
import { CallHandler, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IdempotencyInterceptor } from '@bascule/shared/http';
import { Pool } from 'pg';
import { lastValueFrom, Subject } from 'rxjs';
import { DataSource } from 'typeorm';
import { aRegistration } from './client-fixtures';
import { RunningClientService, startClientService } from './client-service.harness';

/** A key left "in progress" by a process that crashed mid-request (its row written, its answer never stored). */
describe('an Idempotency-Key left in progress by a crash expires after its lease', () => {
  let service: RunningClientService;
  let sql: Pool;
  const http = () => service.http();
  /** The row the crashed request left: same body (so the same hash), no answer, started some seconds ago. */
  const crashedWith = (key: string, body: object, startedSecondsAgo: number) =>
    sql.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES ('POST /clients', $1, $2, now() - make_interval(secs => $3))`,
      [key, createHash('sha256').update(JSON.stringify(body)).digest('hex'), startedSecondsAgo],
    );

  beforeAll(async () => {
    service = await startClientService({ IDEMPOTENCY_LEASE_MS: '30000' });
    sql = new Pool({ ...service.db.settings, max: 2 });
  });
  afterAll(async () => {
    await sql?.end();
    await service?.close();
  });

  it('answers 409 while the lease runs', async () => {
    const key = randomUUID();
    const registration = aRegistration();
    await crashedWith(key, registration, 5);
    const answer = await http().post('/clients').set('Idempotency-Key', key).send(registration).expect(409);
    expect(answer.body).toMatchObject({ code: 'IDEMPOTENCY.IN_PROGRESS' });
  });

  it('runs the request once the lease has run out, and replays its answer afterwards', async () => {
    const key = randomUUID();
    const registration = aRegistration();
    await crashedWith(key, registration, 31);
    const first = await http().post('/clients').set('Idempotency-Key', key).send(registration).expect(201);
    const again = await http().post('/clients').set('Idempotency-Key', key).send(registration).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await sql.query(`SELECT status FROM idempotency_keys WHERE key = $1`, [key])).rows).toEqual([
      { status: 201 },
    ]);
  });

  it('never takes over a key whose answer is stored, however old', async () => {
    const key = randomUUID();
    const registration = aRegistration();
    const first = await http().post('/clients').set('Idempotency-Key', key).send(registration).expect(201);
    await sql.query(`UPDATE idempotency_keys SET created_at = now() - interval '1 hour' WHERE key = $1`, [key]);
    const again = await http().post('/clients').set('Idempotency-Key', key).send(registration).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
  });

  /** A request still running in this process, through the interceptor itself: it finishes (or fails) when told. */
  const slowRequest = async (key: string, body: object) => {
    const interceptor = new IdempotencyInterceptor(service.app.get(DataSource), service.app.get(Reflector));
    const request = {
      method: 'POST',
      routeOptions: { url: '/clients' },
      headers: { 'idempotency-key': key },
      body,
      params: {},
    };
    const context = {
      switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({ hasHeader: () => false }) }),
      getHandler: () => () => undefined,
    } as unknown as ExecutionContext;
    const outcome = new Subject<unknown>();
    const next: CallHandler = { handle: () => outcome };
    const answer = lastValueFrom(await interceptor.intercept(context, next));
    return {
      answer,
      finish: (value: unknown) => {
        outcome.next(value);
        outcome.complete();
      },
      fail: (error: Error) => outcome.error(error),
    };
  };
  const outlived = (key: string) =>
    sql.query(`UPDATE idempotency_keys SET created_at = now() - interval '1 hour' WHERE key = $1`, [key]);

  it('a request whose lease was taken over cannot overwrite the answer of the one that took it over', async () => {
    const key = randomUUID();
    const registration = aRegistration();
    const stale = await slowRequest(key, registration);
    await outlived(key);
    const taker = await http().post('/clients').set('Idempotency-Key', key).send(registration).expect(201);
    stale.finish({ id: 'the-stale-answer' });
    await stale.answer;
    const replay = await http().post('/clients').set('Idempotency-Key', key).send(registration).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(taker.body.id);
  });

  it('a request whose lease was taken over cannot free the key the new holder is using', async () => {
    const key = randomUUID();
    const registration = aRegistration();
    const stale = await slowRequest(key, registration);
    await outlived(key);
    const holder = await slowRequest(key, registration);
    stale.fail(new Error('slow request failed'));
    await expect(stale.answer).rejects.toThrow('slow request failed');
    const answer = await http().post('/clients').set('Idempotency-Key', key).send(registration).expect(409);
    expect(answer.body).toMatchObject({ code: 'IDEMPOTENCY.IN_PROGRESS' });
    holder.finish({ id: 'the-holder-answer' });
    await holder.answer;
    expect((await sql.query(`SELECT status, body FROM idempotency_keys WHERE key = $1`, [key])).rows).toEqual([
      { status: 201, body: { id: 'the-holder-answer' } },
    ]);
  });
});
