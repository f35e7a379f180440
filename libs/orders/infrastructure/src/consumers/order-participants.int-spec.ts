import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import {
  CancelOrderCommand,
  CancelOrderHandler,
  CompleteOrderCancellationCommand,
  CompleteOrderCancellationHandler,
  ConfirmOrderCommand,
  ConfirmOrderHandler,
  OrderChanges,
  RejectOrderCommand,
  RejectOrderHandler,
} from '@bascule/orders/application';
import { ordersEventContracts, ordersSagaContracts } from '@bascule/orders/contracts';
import { Order, OrderId, OrderStatus } from '@bascule/orders/domain';
import { SAGA_REPLIES_TOPIC, SagaParticipant } from '@bascule/saga';
import { sagaCommand } from '@bascule/saga/testing';
import { AggregateCommand, cloudRequest } from '@bascule/shared/application';
import { ContractRegistry, EventEnvelope } from '@bascule/shared/contracts';
import { FixedClock, Money } from '@bascule/shared/ddd';
import { ConsumerRig } from '@bascule/shared/messaging/testing';
import { databaseOptions, OutboxWriter, PgAggregateStore, poolOf } from '@bascule/shared/persistence';
import { createTestDatabase, readUntil, serviceRole, TestDatabase } from '@bascule/shared/testing';
import { ordersDatabase } from '../orders-database';
import { orderTable } from '../persistence/order.table';
import { CancelOrderParticipant } from './cancel-order.participant';
import { ConfirmOrderParticipant } from './confirm-order.participant';
import { RejectOrderParticipant } from './reject-order.participant';

type Reply = EventEnvelope<Record<string, unknown>>;

/**
 * Orders as a saga participant, on PostgreSQL and Kafka: the three participants behind the consumer engine (inbox)
 * and the outbox relay, the test acting as the orchestrator and as the client, on topics of its own (the contracts'
 * topics with a suffix), reading the replies topic and the orders' events topic.
 */
describe('orders takes part in sagas: confirm, reject and cancel an order through the inbox and the outbox', () => {
  const rig = new ConsumerRig();
  const sagaContracts = ordersSagaContracts.map(rig.own);
  const eventContracts = ordersEventContracts.map(rig.own);
  const commandsTopic = rig.topic('orders.commands.v1');
  const repliesTopic = rig.topic(SAGA_REPLIES_TOPIC);
  const eventsTopic = rig.topic('orders.events.v1');
  const clock = new FixedClock();
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: PgAggregateStore<Order, any, any>;
  let commands: CommandBus;

  const send = (...values: EventEnvelope[]) => rig.send(commandsTopic, ...values);
  /** The replies to saga `sagaId` once there are `count` of them, in the order sent. */
  const repliesOf = async (sagaId: string, count: number): Promise<Reply[]> =>
    (await rig.envelopesOf(repliesTopic, sagaId, count)) as Reply[];
  const withoutId = ({ id: _id, ...rest }: Reply) => rest;
  /** A placed order, brought to `status` by the client's and the back office's use cases. */
  const anOrder = async (status: Exclude<OrderStatus, 'SHIPPED'> = 'PENDING'): Promise<string> => {
    const lines = [
      {
        sku: 'SKU-1',
        quantity: 3,
        unitPrice: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
        vatRate: 2000 as const,
      },
    ];
    const order = Order.place(OrderId.generate(), { clientId: randomUUID(), lines, payment }, clock);
    const id = order.id.value;
    await store.save(order, cloudRequest());
    const target = { aggregateId: id, expectedVersion: undefined, metadata: cloudRequest() };
    const steps: Record<typeof status, AggregateCommand<unknown>[]> = {
      PENDING: [],
      CONFIRMED: [new ConfirmOrderCommand(target)],
      REJECTED: [new RejectOrderCommand(target, { reason: 'out of stock' })],
      CANCELLING: [new ConfirmOrderCommand(target), new CancelOrderCommand(target, { reason: 'changed my mind' })],
      CANCELLED: [new CancelOrderCommand(target, { reason: 'changed my mind' })],
    };
    for (const step of steps[status]) await commands.execute(step);
    return id;
  };
  const payment = { type: 'card', token: 'tok_ok' } as const;
  const stateOf = async (id: string) =>
    (
      await dataSource.query<{ status: string; version: number; reason: string | null }[]>(
        `SELECT status, version, reason FROM orders WHERE id = $1`,
        [id],
      )
    )[0];
  const outboxTypes = async (id: string) =>
    (
      await dataSource.query<{ type: string }[]>(`SELECT type FROM outbox_all WHERE aggregateid = $1 ORDER BY type`, [
        id,
      ])
    ).map((row) => row.type);

  beforeAll(async () => {
    db = await createTestDatabase(`orders_saga_${rig.suffix}`, serviceRole('ORDERS'));
    dataSource = await new DataSource(
      databaseOptions(ordersDatabase, { ...process.env, ORDERS_DATABASE: db.name }),
    ).initialize();
    const pool = poolOf(dataSource);
    const writer = new OutboxWriter(new ContractRegistry([...eventContracts, ...sagaContracts]));
    store = new PgAggregateStore(pool, orderTable(clock), writer);
    const changes = new OrderChanges(store);
    // The service's bus routes to these handlers (CqrsModule); here, the ones the participants and the client use.
    const handlers = new Map<unknown, { execute(c: never): Promise<unknown> }>([
      [ConfirmOrderCommand, new ConfirmOrderHandler(changes)],
      [RejectOrderCommand, new RejectOrderHandler(changes)],
      [CancelOrderCommand, new CancelOrderHandler(changes)],
      [CompleteOrderCancellationCommand, new CompleteOrderCancellationHandler(changes)],
    ]);
    commands = { execute: (c: object) => handlers.get(c.constructor)!.execute(c as never) } as unknown as CommandBus;
    const participant = new SagaParticipant(writer, rig.handlers);
    const confirm = new ConfirmOrderParticipant(commands, participant);
    const reject = new RejectOrderParticipant(commands, participant);
    const cancel = new CancelOrderParticipant(commands, participant);

    await rig.start(pool, {
      groupId: `orders-service.saga-${rig.suffix}`,
      topics: [commandsTopic],
      alsoTopics: [repliesTopic, eventsTopic],
      contracts: sagaContracts,
      answering: { 'orders.confirm-order': confirm, 'orders.reject-order': reject, 'orders.cancel-order': cancel },
    });
  });

  afterAll(async () => {
    await rig.stop();
    await dataSource?.destroy();
    await db?.drop();
  });

  it('confirms once: a command delivered twice gets the same reply twice, a retried one (new id) succeeds again, unchanged', async () => {
    const orderId = await anOrder();
    const sagaId = randomUUID();
    const confirm = sagaCommand('orders.confirm-order', { orderId }, sagaId);
    await send(confirm, confirm);
    const [first, repeat] = await repliesOf(sagaId, 2);
    expect(first).toMatchObject({
      type: 'orders.confirm-order-succeeded',
      correlationId: confirm.correlationId,
      causationId: confirm.id,
      payload: { id: orderId, version: 2 },
    });
    expect(withoutId(repeat)).toEqual(withoutId(first));

    const retried = sagaCommand('orders.confirm-order', { orderId }, sagaId);
    await send(retried);
    const [, , third] = await repliesOf(sagaId, 3);
    expect(third).toMatchObject({
      type: 'orders.confirm-order-succeeded',
      causationId: retried.id,
      payload: { id: orderId, version: 2 },
    });
    expect(await stateOf(orderId)).toMatchObject({ status: 'CONFIRMED', version: 2 });
    expect(await outboxTypes(orderId)).toEqual(['orders.order-confirmed', 'orders.order-placed']);
  });

  it('refuses to confirm an order its client cancelled meanwhile, with its code, changing nothing', async () => {
    const orderId = await anOrder('CANCELLED');
    const confirm = sagaCommand('orders.confirm-order', { orderId });
    await send(confirm);
    const [reply] = await repliesOf(confirm.aggregateId, 1);
    expect(reply).toMatchObject({
      type: 'orders.confirm-order-refused',
      causationId: confirm.id,
      payload: { reason: 'ORDER.INVALID_STATE' },
    });
    expect(await stateOf(orderId)).toMatchObject({ status: 'CANCELLED', version: 2 });
  });

  it("rejects with the saga's reason; a rejection of an order off already, or unknown, is done with nothing to undo", async () => {
    const [pending, cancelled, unknown] = [await anOrder(), await anOrder('CANCELLED'), randomUUID()];
    const sends = [pending, cancelled, unknown].map((orderId) =>
      sagaCommand('orders.reject-order', { orderId, reason: 'payment declined' }),
    );
    await send(...sends);
    const replies = await Promise.all(sends.map(async (sent) => (await repliesOf(sent.aggregateId, 1))[0]));
    expect(replies.map((r) => [r.type, r.causationId, r.payload])).toEqual([
      ['orders.reject-order-succeeded', sends[0].id, { id: pending, version: 2 }],
      ['orders.reject-order-succeeded', sends[1].id, { id: cancelled, version: 2 }],
      ['orders.reject-order-succeeded', sends[2].id, { id: unknown, version: 0 }],
    ]);
    expect(await stateOf(pending)).toEqual({ status: 'REJECTED', version: 2, reason: 'payment declined' });
    expect(await stateOf(cancelled)).toEqual({ status: 'CANCELLED', version: 2, reason: 'changed my mind' });
  });

  it("a CONFIRMED order's cancellation is published as a request with its total; the saga's cancel-order completes it", async () => {
    const orderId = await anOrder('CANCELLING');
    expect(await stateOf(orderId)).toEqual({ status: 'CANCELLING', version: 3, reason: 'changed my mind' });
    const published = await readUntil(
      rig.kafka,
      eventsTopic,
      (m) => m.some((x) => x.key === orderId && x.headers.event_type === 'orders.order-cancellation-requested'),
      30_000,
    );
    const [requested] = published
      .map((m) => JSON.parse(m.value!) as Reply)
      .filter((e) => e.aggregateId === orderId && e.type === 'orders.order-cancellation-requested');
    expect(requested.payload).toEqual({
      orderId,
      reason: 'changed my mind',
      total: { amount: 3750, currency: 'EUR' },
      totalInclVat: { amount: 4500, currency: 'EUR' },
    });

    const sagaId = randomUUID();
    const cancel = sagaCommand('orders.cancel-order', { orderId, reason: 'refunded' }, sagaId);
    const retried = sagaCommand('orders.cancel-order', { orderId, reason: 'refunded' }, sagaId);
    await send(cancel, retried);
    const replies = await repliesOf(sagaId, 2);
    expect(replies.map((r) => [r.type, r.causationId, r.payload])).toEqual([
      ['orders.cancel-order-succeeded', cancel.id, { id: orderId, version: 4 }],
      ['orders.cancel-order-succeeded', retried.id, { id: orderId, version: 4 }],
    ]);
    expect(await stateOf(orderId)).toEqual({ status: 'CANCELLED', version: 4, reason: 'changed my mind' });
    const canceled = await readUntil(
      rig.kafka,
      eventsTopic,
      (m) => m.some((x) => x.key === orderId && x.headers.event_type === 'orders.order-canceled'),
      30_000,
    );
    expect(canceled.filter((m) => m.key === orderId).map((m) => m.headers.event_type)).toEqual([
      'orders.order-placed',
      'orders.order-confirmed',
      'orders.order-cancellation-requested',
      'orders.order-canceled',
    ]);
  });

  it('refuses to cancel an order whose client asked nothing (CONFIRMED), with its code', async () => {
    const orderId = await anOrder('CONFIRMED');
    const cancel = sagaCommand('orders.cancel-order', { orderId, reason: 'refunded' });
    await send(cancel);
    const [reply] = await repliesOf(cancel.aggregateId, 1);
    expect(reply).toMatchObject({ type: 'orders.cancel-order-refused', payload: { reason: 'ORDER.INVALID_STATE' } });
    expect(await stateOf(orderId)).toMatchObject({ status: 'CONFIRMED', version: 2 });
  });
});
