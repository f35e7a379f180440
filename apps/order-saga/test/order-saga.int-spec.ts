import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import { Pool } from 'pg';
import { OrderCancellationRequestedV1, ORDERS_EVENTS_TOPIC } from '@bascule/orders/contracts';
import { EventEnvelope } from '@bascule/shared/contracts';
import { CANCEL_ORDER_SAGA, NOT_COMPLETED, orderSagaId, PLACE_ORDER_SAGA } from '@bascule/order-saga';
import { SAGA_REPLIES_TOPIC, SagaOrchestrator, sagaReply, SagaState } from '@bascule/saga';
import { ReserveStockSucceededV1 } from '@bascule/inventory/contracts';
import { eventually, readUntil, testKafka, topicEnd, waitForGroupAt } from '@bascule/shared/testing';
import { anOrderCancellationRequested, anOrderPlaced } from '@bascule/order-saga/testing';
import { RunningOrderSaga, startOrderSaga } from './order-saga.harness';
import { ScriptedParticipants } from './scripted-participants';

describe('order-saga on PostgreSQL and Kafka, with scripted participants', () => {
  let service: RunningOrderSaga;
  let pool: Pool;
  let producer: Producer;
  let participants: ScriptedParticipants;
  let sagas: SagaOrchestrator;

  beforeAll(async () => {
    service = await startOrderSaga();
    pool = new Pool({ ...service.db.settings, max: 3 });
    producer = testKafka().producer();
    await producer.connect();
    participants = new ScriptedParticipants(pool, producer);
    sagas = service.app.get(SagaOrchestrator);
  });
  afterAll(async () => {
    await participants?.stop();
    await producer?.disconnect();
    await pool?.end();
    await service?.close();
    await service?.revoke();
  });

  const publish = async (type: string, orderId: string, payload: object, id: string = randomUUID()) => {
    const event: EventEnvelope = {
      id,
      type,
      version: 1,
      aggregateType: 'order',
      aggregateId: orderId,
      aggregateVersion: 1,
      occurredAt: new Date().toISOString(),
      correlationId: `corr-${orderId}`,
      causationId: null,
      originSystem: 'cloud',
      payload,
    };
    await producer.send({
      topic: ORDERS_EVENTS_TOPIC,
      messages: [{ key: orderId, value: JSON.stringify(event), headers: { event_type: type } }],
    });
    return event;
  };
  const placeOrder = async (token = 'tok_visa') => {
    const placed = anOrderPlaced({ payment: { type: 'card', token } });
    const event = await publish('orders.order-placed', placed.orderId, placed);
    return { placed, event, sagaId: orderSagaId(PLACE_ORDER_SAGA, placed.orderId) };
  };
  const ended = (sagaId: string, timeoutMs = 30_000) =>
    eventually(
      async () => {
        const saga = await sagas.find(sagaId).catch(() => undefined);
        return saga && ['COMPLETED', 'COMPENSATED', 'NEEDS_ATTENTION'].includes(saga.status) ? saga : undefined;
      },
      timeoutMs,
      100,
    );
  const commandsOf = async (sagaId: string) =>
    (
      await pool.query<{ payload: EventEnvelope<Record<string, unknown>>; headers: Record<string, string> }>(
        'SELECT payload, headers FROM outbox_all WHERE aggregateid = $1 ORDER BY seq',
        [sagaId],
      )
    ).rows;
  const typesOf = async (sagaId: string) => (await commandsOf(sagaId)).map((c) => c.payload.type);

  it('places an order: every step once, in order, in the event’s correlation; the event again starts nothing', async () => {
    const { placed, event, sagaId } = await placeOrder();
    expect(await ended(sagaId)).toMatchObject({ status: 'COMPLETED', correlationId: event.correlationId });
    const commands = await commandsOf(sagaId);
    expect(commands.map((c) => c.payload.type)).toEqual([
      'inventory.reserve-stock',
      'payment.authorize-payment',
      'orders.confirm-order',
      'payment.capture-payment',
      'billing.issue-invoice',
    ]);
    expect(commands[0].payload.causationId).toBe(event.id);
    for (const { payload, headers } of commands) {
      expect(payload).toMatchObject({ aggregateId: sagaId, correlationId: event.correlationId });
      expect(payload.payload.orderId).toBe(placed.orderId);
      expect(headers).toMatchObject({ correlation_id: event.correlationId });
    }
    // The same event delivered again (same id), and published again by a retrying producer (new id).
    await publish('orders.order-placed', placed.orderId, placed, event.id);
    await publish('orders.order-placed', placed.orderId, placed);
    await waitForGroupAt(
      testKafka(),
      service.groupId,
      ORDERS_EVENTS_TOPIC,
      await topicEnd(testKafka(), ORDERS_EVENTS_TOPIC),
    );
    expect(await sagas.list({ dataContains: { orderId: placed.orderId } })).toHaveLength(1);
    expect(await commandsOf(sagaId)).toHaveLength(5);
  });

  it('a declined card: the stock is released, the order rejected with the reason', async () => {
    const placed = anOrderPlaced({ payment: { type: 'card', token: 'tok_declined' } });
    participants.script(placed.orderId, 'payment.authorize-payment', { refuse: 'PAYMENT.DECLINED' });
    await publish('orders.order-placed', placed.orderId, placed);
    const sagaId = orderSagaId(PLACE_ORDER_SAGA, placed.orderId);
    expect(await ended(sagaId)).toMatchObject({ status: 'COMPENSATED' });
    const commands = await commandsOf(sagaId);
    expect(commands.map((c) => c.payload.type)).toEqual([
      'inventory.reserve-stock',
      'payment.authorize-payment',
      'inventory.release-stock',
      'orders.reject-order',
    ]);
    expect(commands[3].payload.payload).toEqual({ orderId: placed.orderId, reason: 'PAYMENT.DECLINED' });
  });

  it('inventory never answers: the same reservation is sent six times by the timer, then released and the order rejected', async () => {
    const placed = anOrderPlaced();
    participants.script(placed.orderId, 'inventory.reserve-stock', 'silent');
    await publish('orders.order-placed', placed.orderId, placed);
    const sagaId = orderSagaId(PLACE_ORDER_SAGA, placed.orderId);
    const saga = (await ended(sagaId, 120_000)) as SagaState;
    expect(saga.status).toBe('COMPENSATED');
    // The relay is off: the resent reservation is the one still queued, which the outbox does not queue twice.
    expect(await typesOf(sagaId)).toEqual([
      'inventory.reserve-stock',
      'inventory.release-stock',
      'orders.reject-order',
    ]);
    expect((await commandsOf(sagaId))[2].payload.payload).toMatchObject({ reason: NOT_COMPLETED });
    const reservations = saga.history.filter((h) => h.event === 'command-sent' && h.step === 'reserve-stock');
    expect(reservations.map((h) => [h.phase, h.attempt])).toEqual([
      ...[1, 2, 3, 4, 5, 6].map((attempt) => ['forward', attempt]),
      ['compensation', 1],
    ]);
    expect(new Set(reservations.slice(0, 6).map((h) => h.commandId)).size).toBe(1);
    expect(saga.history.filter((h) => h.event === 'timed-out')).toHaveLength(6);
  }, 150_000);

  it('replies delivered twice, and a copy under a new id, move the saga once', async () => {
    const placed = anOrderPlaced();
    for (const type of ['inventory.reserve-stock', 'payment.authorize-payment', 'billing.issue-invoice'])
      participants.script(placed.orderId, type, 'twice');
    await publish('orders.order-placed', placed.orderId, placed);
    const sagaId = orderSagaId(PLACE_ORDER_SAGA, placed.orderId);
    expect(await ended(sagaId)).toMatchObject({ status: 'COMPLETED' });
    expect(await typesOf(sagaId)).toEqual([
      'inventory.reserve-stock',
      'payment.authorize-payment',
      'orders.confirm-order',
      'payment.capture-payment',
      'billing.issue-invoice',
    ]);
  });

  it('a reply to a saga it does not hold (another orchestrator’s) changes nothing and is not set aside', async () => {
    const dlq = `${SAGA_REPLIES_TOPIC}.dlq`;
    const before = await topicEnd(testKafka(), dlq);
    const stranger = randomUUID();
    const command = { ...(await publish('x.y', stranger, {})), aggregateType: 'saga', aggregateId: stranger };
    const reply = sagaReply(
      command,
      ReserveStockSucceededV1,
      { id: stranger, version: 1 },
      {
        id: randomUUID(),
        occurredAt: new Date().toISOString(),
      },
    );
    await producer.send({ topic: SAGA_REPLIES_TOPIC, messages: [{ key: stranger, value: JSON.stringify(reply) }] });
    const { sagaId } = await placeOrder();
    expect(await ended(sagaId)).toMatchObject({ status: 'COMPLETED' });
    await waitForGroupAt(
      testKafka(),
      service.groupId,
      SAGA_REPLIES_TOPIC,
      await topicEnd(testKafka(), SAGA_REPLIES_TOPIC),
    );
    await expect(
      readUntil(testKafka(), dlq, (m) => m.some((x) => x.key === stranger), 3_000, before),
    ).rejects.toThrow();
  });

  it('a cancellation requested: the order refunded, credited, its stock released, then cancelled', async () => {
    const requested = anOrderCancellationRequested();
    await publish(OrderCancellationRequestedV1.type, requested.orderId, requested);
    const sagaId = orderSagaId(CANCEL_ORDER_SAGA, requested.orderId);
    expect(await ended(sagaId)).toMatchObject({ status: 'COMPLETED', type: CANCEL_ORDER_SAGA });
    expect(await typesOf(sagaId)).toEqual([
      'payment.refund-payment',
      'billing.issue-credit-note',
      'inventory.release-stock',
      'orders.cancel-order',
    ]);
  });

  it('a refund the payment context refuses ends the cancellation with nothing else asked', async () => {
    const requested = anOrderCancellationRequested();
    participants.script(requested.orderId, 'payment.refund-payment', { refuse: 'PAYMENT.NOT_CAPTURED' });
    await publish(OrderCancellationRequestedV1.type, requested.orderId, requested);
    const sagaId = orderSagaId(CANCEL_ORDER_SAGA, requested.orderId);
    expect(await ended(sagaId)).toMatchObject({ status: 'COMPENSATED' });
    expect(await typesOf(sagaId)).toEqual(['payment.refund-payment']);
  });
});
