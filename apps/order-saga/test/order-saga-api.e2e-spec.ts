import { randomUUID } from 'node:crypto';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import request from 'supertest';
import { Pool } from 'pg';
import { orderSagaId, PLACE_ORDER_SAGA, placeOrderData, placeOrderSaga } from '@bascule/order-saga';
import { SagaOrchestrator } from '@bascule/saga';
import { tokenFor } from '@bascule/shared/testing';
import { anOrderPlaced } from '@bascule/order-saga/testing';
import { RunningOrderSaga, startOrderSaga } from './order-saga.harness';

async function lint(document: object): Promise<string[]> {
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
  return problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
}

describe('order-saga over REST, with Keycloak tokens', () => {
  let service: RunningOrderSaga;
  let pool: Pool;
  let sagas: SagaOrchestrator;
  const anonymous = () => request(service.app.getHttpServer());
  const as = async (user: Parameters<typeof tokenFor>[0]) => {
    const token = await tokenFor(user);
    return {
      get: (path: string) => anonymous().get(path).set('authorization', `Bearer ${token}`),
      post: (path: string) => anonymous().post(path).set('authorization', `Bearer ${token}`),
    };
  };
  /** A PlaceOrder saga started as the consumer starts it, waiting on the stock's reservation. */
  const placed = async () => {
    const event = anOrderPlaced();
    return sagas.start(placeOrderSaga, {
      sagaId: orderSagaId(PLACE_ORDER_SAGA, event.orderId),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      data: placeOrderData(event),
    });
  };

  beforeAll(async () => {
    service = await startOrderSaga({ EVENT_CONSUMERS: 'off', SAGA_TIMER: 'off' });
    pool = new Pool({ ...service.db.settings, max: 2 });
    // The app's own orchestrator: a second one on the same database would be counted twice by the gauges.
    sagas = service.app.get(SagaOrchestrator);
  });
  afterAll(async () => {
    await pool?.end();
    await service?.close();
    await service?.revoke();
  });

  it('shows a saga: its state, its order, each step with its outcome, attempts and timing', async () => {
    const saga = await placed();
    const { body } = await service.http().get(`/sagas/${saga.id}`).expect(200);
    expect(body).toMatchObject({
      id: saga.id,
      type: PLACE_ORDER_SAGA,
      status: 'RUNNING',
      orderId: (saga.data as { orderId: string }).orderId,
      correlationId: saga.correlationId,
      currentStep: 'reserve-stock',
      phase: 'forward',
      attentionReason: null,
      deadlineAt: expect.any(String),
      endedAt: null,
    });
    expect(body.steps).toEqual([
      {
        step: 'reject-order',
        phase: 'forward',
        outcome: 'passed',
        attempts: 0,
        detail: 'nothing to invoke',
        startedAt: saga.startedAt,
        endedAt: saga.startedAt,
        durationMs: 0,
      },
      {
        step: 'reserve-stock',
        phase: 'forward',
        outcome: 'in-flight',
        attempts: 1,
        detail: null,
        startedAt: saga.startedAt,
        endedAt: null,
        durationMs: null,
      },
    ]);
    expect(JSON.stringify(body)).not.toContain('tok_visa');
  });

  it('lists sagas by order, state and age, newest first, at most `limit`', async () => {
    const [first, second] = [await placed(), await placed()];
    const orderOf = (saga: typeof first) => (saga.data as { orderId: string }).orderId;
    const byOrder = await service
      .http()
      .get(`/sagas?orderId=${orderOf(first)}`)
      .expect(200);
    expect(byOrder.body.items.map((s: { id: string }) => s.id)).toEqual([first.id]);
    const running = await service.http().get('/sagas?state=RUNNING&limit=100').expect(200);
    expect(running.body.items.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([first.id, second.id]));
    const none = await service
      .http()
      .get(`/sagas?state=COMPLETED&orderId=${orderOf(first)}`)
      .expect(200);
    expect(none.body.items).toEqual([]);
    const older = await service
      .http()
      .get(`/sagas?olderThan=${first.startedAt}&orderId=${orderOf(first)}`)
      .expect(200);
    expect(older.body.items).toEqual([]);
    expect((await service.http().get('/sagas?limit=1').expect(200)).body.items).toHaveLength(1);
  });

  it('pages with a cursor, newest first: each saga once, none shifted by a saga started meanwhile', async () => {
    for (let i = 0; i < 5; i++) await placed();
    const all = (await service.http().get('/sagas?limit=100').expect(200)).body;
    expect(all.nextCursor).toBeNull();
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await service
        .http()
        .get(`/sagas?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.body.items.map((s) => s.id));
      cursor = page.body.nextCursor;
      if (paged.length === 2) await placed(); // newer than every page: never on a later one
    } while (cursor);
    expect(paged).toEqual(all.items.map((s: { id: string }) => s.id));
    const unknown = await service.http().get(`/sagas?cursor=${randomUUID()}`).expect(200);
    expect(unknown.body).toEqual({ items: [], nextCursor: null });
  });

  it.each([
    ['state=DONE', 'state'],
    ['orderId=42', 'orderId'],
    ['olderThan=yesterday', 'olderThan'],
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['cursor=page-2', 'cursor'],
    ['color=red', 'color'],
  ])('refuses the query %s with problem+json naming %s', async (query, parameter) => {
    const response = await service.http().get(`/sagas?${query}`).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
    expect(response.body.errors.map((e: { parameter: string }) => e.parameter)).toContain(parameter);
  });

  it('answers 404 for an unknown saga and 400 naming the id when it is not a UUID', async () => {
    const missing = await service.http().get(`/sagas/${randomUUID()}`).expect(404);
    expect(missing.body).toMatchObject({ status: 404, code: 'SAGA.NOT_FOUND' });
    await service.http().post(`/sagas/${randomUUID()}/retry`).expect(404);
    const bad = await service.http().get('/sagas/not-a-uuid').expect(400);
    expect(bad.body.errors).toEqual([{ parameter: 'id', detail: 'must be a UUID' }]);
  });

  it('refuses to retry or compensate a saga that needs no attention: 409 problem+json with the reason', async () => {
    const saga = await placed();
    for (const action of ['retry', 'compensate']) {
      const response = await service.http().post(`/sagas/${saga.id}/${action}`).expect(409);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 409, code: 'SAGA.NOT_NEEDING_ATTENTION' });
    }
  });

  it('retries and compensates a saga needing attention, for sagas:admin', async () => {
    const saga = await placed();
    await pool.query(
      `UPDATE sagas SET status = 'NEEDS_ATTENTION', attention_reason = 'test', deadline_at = NULL, waiting_for = NULL
        WHERE id = $1`,
      [saga.id],
    );
    const retried = await service.http().post(`/sagas/${saga.id}/retry`).expect(200);
    expect(retried.body).toMatchObject({ status: 'RUNNING', currentStep: 'reserve-stock', attentionReason: null });
    await pool.query(
      `UPDATE sagas SET status = 'NEEDS_ATTENTION', attention_reason = 'test', deadline_at = NULL WHERE id = $1`,
      [saga.id],
    );
    const compensated = await service.http().post(`/sagas/${saga.id}/compensate`).expect(200);
    expect(compensated.body).toMatchObject({ status: 'COMPENSATING', phase: 'compensation' });
  });

  it('asks for a token (401), sagas:read to read (403 without), sagas:admin to retry or compensate', async () => {
    const saga = await placed();
    await anonymous().get(`/sagas/${saga.id}`).expect(401);
    await anonymous().post(`/sagas/${saga.id}/retry`).expect(401);
    const legacy = await as('legacy-reader');
    const forbidden = await legacy.get(`/sagas/${saga.id}`).expect(403);
    expect(forbidden.headers['content-type']).toMatch(/^application\/problem\+json/);
    const reader = await as('reader');
    await reader.get(`/sagas/${saga.id}`).expect(200);
    await reader.get('/sagas').expect(200);
    await reader.post(`/sagas/${saga.id}/retry`).expect(403);
    await reader.post(`/sagas/${saga.id}/compensate`).expect(403);
  });

  it('serves health, and the saga metrics on its management port', async () => {
    await anonymous().get('/health/ready').expect(200);
    const metrics = await request(service.metricsUrl).get('/metrics').set('authorization', `Bearer ${service.token}`);
    expect(metrics.status).toBe(200);
    for (const name of [
      'bascule_sagas_started_total',
      'bascule_saga_outcomes_total',
      'bascule_saga_duration_seconds',
      'bascule_sagas_in_flight',
      'bascule_sagas_needing_attention',
    ])
      expect(metrics.text).toContain(`# TYPE ${name}`);
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM sagas WHERE status IN ('RUNNING', 'COMPENSATING')`,
    );
    expect(metrics.text).toContain(
      `bascule_sagas_in_flight{saga="orders.place-order",service="order-saga"} ${rows[0].n}`,
    );
  });

  it('publishes a valid OpenAPI 3.1 document: the sagas operations, their roles, no lint problem', async () => {
    const document = (await service.http().get('/docs-json').expect(200)).body;
    expect(document.openapi).toBe('3.1.0');
    expect(await lint(document)).toEqual([]);
    expect(Object.keys(document.paths).sort()).toEqual([
      '/sagas',
      '/sagas/{id}',
      '/sagas/{id}/compensate',
      '/sagas/{id}/retry',
    ]);
    expect(document.paths['/sagas/{id}/retry'].post['x-required-roles']).toEqual(['sagas:admin']);
    expect(document.paths['/sagas'].get['x-required-roles']).toEqual(['sagas:read']);
    expect(Object.keys(document.components.schemas).sort()).toEqual(['Problem', 'Saga', 'SagaPage']);
  });
});
