import { randomUUID } from 'node:crypto';
import { credentials, loadPackageDefinition, Metadata, ServiceError, status } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import request from 'supertest';
import { PAYMENT_EVENTS_TOPIC, PAYMENT_PROTO_PATH } from '@bascule/payment/contracts';
import { PROTO_LOADER_OPTIONS } from '@bascule/shared/contracts';
import { readUntil, testKafka, tokenFor, topicEnd } from '@bascule/shared/testing';
import { aPaymentRequest, RunningPaymentService, startPaymentService } from './payment-service.harness';

type Call = (
  request: object,
  metadata: Metadata,
  callback: (error: ServiceError | null, response: any) => void,
) => void;

describe('payment-service over REST, gRPC and Kafka, with the simulated provider and Keycloak tokens', () => {
  let service: RunningPaymentService;
  let grpc: Record<string, Call> & { close(): void };
  let eventsBefore: Record<number, string>;
  const call = (method: string, body: object, metadata = service.metadata()) =>
    new Promise<any>((resolve, reject) =>
      grpc[method].call(grpc, body, metadata, (error, response) => (error ? reject(error) : resolve(response))),
    );
  const pay = (overrides: Record<string, unknown> = {}, key?: string) => {
    const post = service.http().post('/payments');
    return (key ? post.set('Idempotency-Key', key) : post).send(aPaymentRequest(overrides));
  };
  const change = (id: string, action: string, version: number, body?: object) =>
    service.http().post(`/payments/${id}/${action}`).set('If-Match', `"${version}"`).send(body);
  const eventsOf = async (id: string, count: number) => {
    const messages = await readUntil(
      testKafka(),
      PAYMENT_EVENTS_TOPIC,
      (m) => m.filter((x) => x.key === id).length >= count,
      30_000,
      eventsBefore,
    );
    return messages
      .filter((m) => m.key === id)
      .map((m) => ({
        type: m.headers?.event_type,
        version: m.headers?.event_version,
        actorHeader: m.headers?.actor_subject,
        ...JSON.parse(m.value!),
      }));
  };

  beforeAll(async () => {
    service = await startPaymentService();
    eventsBefore = await topicEnd(testKafka(), PAYMENT_EVENTS_TOPIC);
    const proto = loadPackageDefinition(loadSync(PAYMENT_PROTO_PATH, PROTO_LOADER_OPTIONS)) as any;
    grpc = new proto.bascule.payment.v1.PaymentService(service.grpcAddress, credentials.createInsecure());
  });
  afterAll(async () => {
    grpc?.close();
    await service?.close();
  });

  it('authorizes (201, Location, ETag), captures, refunds in two parts to REFUNDED, and publishes each event v1', async () => {
    const orderId = randomUUID();
    const created = await pay({ orderId }).expect(201);
    const { id } = created.body;
    expect(created.headers.location).toBe(`/payments/${id}`);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({
      id,
      version: 1,
      orderId,
      status: 'AUTHORIZED',
      authorizedAmount: { amount: 1250, currency: 'EUR' },
      cardLast4: 'k_ok',
      cardType: 'card',
      declineReason: null,
      providerReference: expect.stringMatching(/^sim_/),
    });
    expect(JSON.stringify(created.body)).not.toContain('tok_ok');
    expect((await service.http().get(`/payments/${id}`).expect(200)).body).toEqual(created.body);

    const captured = await change(id, 'capture', 1, { amount: { amount: 1000, currency: 'EUR' } }).expect(200);
    expect(captured.headers.etag).toBe('"2"');
    expect(captured.body).toMatchObject({ status: 'CAPTURED', capturedAmount: { amount: 1000, currency: 'EUR' } });
    const partly = await change(id, 'refund', 2, { amount: { amount: 300, currency: 'EUR' } }).expect(200);
    expect(partly.body).toMatchObject({
      status: 'PARTIALLY_REFUNDED',
      refundedAmount: { amount: 300, currency: 'EUR' },
    });
    const over = await change(id, 'refund', 3, { amount: { amount: 701, currency: 'EUR' } }).expect(409);
    expect(over.body.code).toBe('PAYMENT.REFUND_EXCEEDS_CAPTURE');
    const whole = await change(id, 'refund', 3, { amount: { amount: 700, currency: 'EUR' } }).expect(200);
    expect(whole.body).toMatchObject({ status: 'REFUNDED', refundedAmount: { amount: 1000, currency: 'EUR' } });
    expect((await change(id, 'refund', 4, { amount: { amount: 1, currency: 'EUR' } }).expect(409)).body.code).toBe(
      'PAYMENT.INVALID_STATE',
    );

    const events = await eventsOf(id, 4);
    // The caller's token names the actor of every change, the creation included (ADR 0030).
    for (const event of events) {
      expect(event.actor).toEqual({ subject: expect.any(String), client: 'bascule-demo' });
      expect(event.actorHeader).toBe(event.actor.subject);
    }
    expect(events.map((e) => [e.type, e.version, e.payload])).toEqual([
      [
        'payment.payment-authorized',
        1,
        { paymentId: id, orderId, amount: { amount: 1250, currency: 'EUR' }, cardLast4: 'k_ok', cardType: 'card' },
      ],
      ['payment.payment-captured', 1, { paymentId: id, status: 'CAPTURED', amount: { amount: 1000, currency: 'EUR' } }],
      [
        'payment.payment-refunded',
        1,
        { paymentId: id, status: 'PARTIALLY_REFUNDED', amount: { amount: 300, currency: 'EUR' } },
      ],
      ['payment.payment-refunded', 1, { paymentId: id, status: 'REFUNDED', amount: { amount: 700, currency: 'EUR' } }],
    ]);
  });

  it('answers a decline with 201 DECLINED and its reason (an outcome, not an error), and publishes PaymentDeclined', async () => {
    const declined = await pay({ method: { type: 'card', token: 'tok_declined' } }).expect(201);
    expect(declined.body).toMatchObject({ status: 'DECLINED', declineReason: 'insufficient_funds', cardLast4: 'ined' });
    const [event] = await eventsOf(declined.body.id, 1);
    expect(event).toMatchObject({ type: 'payment.payment-declined', payload: { reason: 'insufficient_funds' } });
    expect((await change(declined.body.id, 'capture', 1, { amount: { amount: 1, currency: 'EUR' } })).body.code).toBe(
      'PAYMENT.INVALID_STATE',
    );
  });

  it('voids before capture only; refuses a capture above the authorization, a second capture and a stale If-Match', async () => {
    const voided = (await pay().expect(201)).body;
    expect((await change(voided.id, 'void', 1).expect(200)).body.status).toBe('VOIDED');
    expect(
      (await change(voided.id, 'capture', 2, { amount: { amount: 1, currency: 'EUR' } }).expect(409)).body.code,
    ).toBe('PAYMENT.INVALID_STATE');
    const paid = (await pay().expect(201)).body;
    const above = await change(paid.id, 'capture', 1, { amount: { amount: 1251, currency: 'EUR' } }).expect(409);
    expect(above.body.code).toBe('PAYMENT.CAPTURE_EXCEEDS_AUTHORIZATION');
    await change(paid.id, 'capture', 1, { amount: { amount: 1250, currency: 'EUR' } }).expect(200);
    expect(
      (await change(paid.id, 'capture', 2, { amount: { amount: 1, currency: 'EUR' } }).expect(409)).body.code,
    ).toBe('PAYMENT.INVALID_STATE');
    expect((await change(paid.id, 'void', 1).expect(412)).body.code).toBe('CONCURRENCY.VERSION_MISMATCH');
    expect((await change(paid.id, 'void', 2).expect(409)).body.code).toBe('PAYMENT.INVALID_STATE');
  });

  it('lists the payments of one order, oldest first, a page at a time', async () => {
    const orderId = randomUUID();
    const ids: string[] = [];
    for (const token of ['tok_ok', 'tok_declined', 'tok_ok'])
      ids.push((await pay({ orderId, method: { type: 'card', token } }).expect(201)).body.id);
    await pay().expect(201);
    const first = await service.http().get(`/payments?orderId=${orderId}&limit=2`).expect(200);
    expect(first.body.items.map((p: { id: string }) => p.id)).toEqual(ids.slice(0, 2));
    const second = await service
      .http()
      .get(`/payments?orderId=${orderId}&limit=2&cursor=${first.body.nextCursor}`)
      .expect(200);
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: ids[2], orderId })], nextCursor: null });
  });

  it('Idempotency-Key: a retried creation answers the same payment, and the provider holds one authorization', async () => {
    const orderId = randomUUID();
    const key = randomUUID();
    const first = await pay({ orderId }, key).expect(201);
    const again = await pay({ orderId }, key).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(service.provider.ledger(orderId)).toEqual({ requests: 1, authorizations: 1 });
    expect((await pay({ orderId, amount: { amount: 1, currency: 'EUR' } }, key).expect(422)).body.code).toBe(
      'IDEMPOTENCY.KEY_REUSED',
    );
  });

  it('tok_timeout: 503 PAYMENT.PROVIDER_TIMEOUT stating the outcome, nothing kept; retried with the same key, never a second charge', async () => {
    const orderId = randomUUID();
    const key = randomUUID();
    const method = { type: 'card', token: 'tok_timeout' };
    for (let retry = 0; retry < 2; retry++) {
      const answer = await pay({ orderId, method }, key).expect(503);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({
        code: 'PAYMENT.PROVIDER_TIMEOUT',
        detail: expect.stringContaining('same Idempotency-Key'),
      });
    }
    expect(service.provider.ledger(orderId)).toEqual({ requests: 2, authorizations: 1 });
    expect((await service.http().get(`/payments?orderId=${orderId}`).expect(200)).body.items).toEqual([]);
  });

  it('concurrent retries of one slow creation with the same key: one payment, the others 409 IN_FLIGHT, one authorization', async () => {
    const orderId = randomUUID();
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => pay({ orderId, method: { type: 'card', token: 'tok_slow' } }, key)),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'IDEMPOTENCY.IN_FLIGHT')).toBe(true);
    const replay = await pay({ orderId, method: { type: 'card', token: 'tok_slow' } }, key).expect(201);
    expect(replay.body.id).toBe(answers.find((a) => a.status === 201)!.body.id);
    expect(service.provider.ledger(orderId)).toEqual({ requests: 1, authorizations: 1 });
  });

  it('tok_error: retried by the call policy, then 503 PAYMENT.PROVIDER_ERROR; nothing charged, nothing kept', async () => {
    const orderId = randomUUID();
    const answer = await pay({ orderId, method: { type: 'card', token: 'tok_error' } }).expect(503);
    expect(answer.body.code).toBe('PAYMENT.PROVIDER_ERROR');
    expect(service.provider.ledger(orderId)).toEqual({ requests: 3, authorizations: 0 });
    expect((await service.http().get(`/payments?orderId=${orderId}`).expect(200)).body.items).toEqual([]);
  });

  it('tok_slow: answers after 2 s, within the provider’s deadline: AUTHORIZED', async () => {
    const slow = await pay({ method: { type: 'card', token: 'tok_slow' } }).expect(201);
    expect(slow.body.status).toBe('AUTHORIZED');
  });

  it('runs the same use cases over gRPC: authorize, decline, capture, refund, void, list by order', async () => {
    const orderId = randomUUID();
    const method = { type: 'card', token: 'tok_ok' };
    const amount = { amount: 1250, currency: 'EUR' };
    const ref = await call('CreatePayment', { orderId, amount, method });
    expect(ref.version).toBe(1);
    expect(await call('GetPayment', { id: ref.id })).toMatchObject({
      id: ref.id,
      status: 'AUTHORIZED',
      cardLast4: 'k_ok',
    });
    const captured = await call('Capture', { id: ref.id, expectedVersion: 1, amount });
    const refunded = await call('Refund', {
      id: ref.id,
      expectedVersion: captured.version,
      amount: { amount: 250, currency: 'EUR' },
    });
    expect(await call('GetPayment', { id: ref.id })).toMatchObject({
      version: refunded.version,
      status: 'PARTIALLY_REFUNDED',
      refundedAmount: { amount: 250, currency: 'EUR' },
    });
    const declined = await call('CreatePayment', { orderId, amount, method: { type: 'card', token: 'tok_declined' } });
    expect(await call('GetPayment', { id: declined.id })).toMatchObject({
      status: 'DECLINED',
      declineReason: 'insufficient_funds',
    });
    await expect(call('Void', { id: declined.id, expectedVersion: 1 })).rejects.toMatchObject({
      code: status.FAILED_PRECONDITION,
      details: expect.stringContaining('PAYMENT.INVALID_STATE'),
    });
    const page = await call('ListPayments', { orderId, limit: 10 });
    expect(page.items.map((p: { id: string }) => p.id)).toEqual([ref.id, declined.id]);
    await expect(
      call('CreatePayment', { orderId, amount, method: { type: 'card', token: 'tok_error' } }),
    ).rejects.toMatchObject({
      code: status.UNAVAILABLE,
      details: expect.stringContaining('PAYMENT.PROVIDER_ERROR'),
    });
  });

  it('refuses callers without a token (401 / UNAUTHENTICATED) and a reader’s write (403)', async () => {
    await request(service.app.getHttpServer()).post('/payments').send(aPaymentRequest()).expect(401);
    await expect(call('CreatePayment', aPaymentRequest(), new Metadata())).rejects.toMatchObject({
      code: status.UNAUTHENTICATED,
    });
    const reader = await tokenFor('reader');
    await request(service.app.getHttpServer())
      .post('/payments')
      .set('authorization', `Bearer ${reader}`)
      .send(aPaymentRequest())
      .expect(403);
    await request(service.app.getHttpServer())
      .get('/payments?limit=1')
      .set('authorization', `Bearer ${reader}`)
      .expect(200);
  });
});
