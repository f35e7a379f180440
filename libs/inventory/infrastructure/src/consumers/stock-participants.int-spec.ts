import { randomUUID } from 'node:crypto';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { context, propagation } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { DataSource } from 'typeorm';
import {
  CreateStockReservationCommand,
  CreateStockReservationHandler,
  GetStockReservationQuery,
  ReleaseStockReservationCommand,
  ReleaseStockReservationHandler,
  StockMoves,
} from '@bascule/inventory/application';
import { inventoryEventContracts, inventorySagaContracts } from '@bascule/inventory/contracts';
import { StockItem } from '@bascule/inventory/domain';
import { SAGA_REPLIES_TOPIC, SagaParticipant } from '@bascule/saga';
import { sagaCommand } from '@bascule/saga/testing';
import { cloudRequest } from '@bascule/shared/application';
import { ContractRegistry, EventEnvelope } from '@bascule/shared/contracts';
import { FixedClock, Money } from '@bascule/shared/ddd';
import { dlqTopicOf } from '@bascule/shared/messaging';
import { ConsumerRig, traceIdOf } from '@bascule/shared/messaging/testing';
import { databaseOptions, OutboxWriter, PgAggregateStore, poolOf } from '@bascule/shared/persistence';
import { createTestDatabase, readUntil, serviceRole, TestDatabase } from '@bascule/shared/testing';
import { inventoryDatabase } from '../inventory-database';
import { PgStockItemReadModel } from '../persistence/pg-stock-item.read-model';
import { PgStockReservationReadModel } from '../persistence/pg-stock-reservation.read-model';
import { PgStockTransaction } from '../persistence/pg-stock-transaction';
import { stockItemTable } from '../persistence/stock-item.table';
import { stockReservationTable } from '../persistence/stock-reservation.table';
import { ReleaseStockParticipant } from './release-stock.participant';
import { ReserveStockParticipant } from './reserve-stock.participant';

/**
 * Inventory as a saga participant, on PostgreSQL and Kafka: the generated participants behind the consumer engine
 * (inbox) and the outbox relay, the test acting as the orchestrator on topics of its own (the contracts' topics with
 * a suffix), reading what reaches the replies topic and the commands' DLQ.
 */
describe('inventory takes part in sagas: reserve-stock and release-stock through the inbox and the outbox', () => {
  const rig = new ConsumerRig();
  const { suffix } = rig;
  const sagaContracts = inventorySagaContracts.map(rig.own);
  const commandsTopic = rig.topic('inventory.commands.v1');
  const repliesTopic = rig.topic(SAGA_REPLIES_TOPIC);
  const clock = new FixedClock();
  let db: TestDatabase;
  let dataSource: DataSource;
  let items: PgAggregateStore<StockItem, any, any>;

  const send = (...values: (EventEnvelope | string)[]) => rig.send(commandsTopic, ...values);
  const repliesTo = (sent: EventEnvelope, count: number) => rig.messagesOf(repliesTopic, sent.aggregateId, count);
  const createItem = async (sku: string, onHand: number) => {
    const unitPrice = Money.fromJSON({ amount: 990, currency: 'EUR' });
    await items.save(StockItem.create({ sku, label: `Label ${sku}`, unitPrice, onHand }, clock), cloudRequest());
  };
  const count = async (sql: string, parameters: unknown[]) =>
    (await dataSource.query<{ n: number }[]>(sql, parameters))[0].n;

  beforeAll(async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    db = await createTestDatabase(`inventory_saga_${suffix}`, serviceRole('INVENTORY'));
    dataSource = await new DataSource(
      databaseOptions(inventoryDatabase, { ...process.env, INVENTORY_DATABASE: db.name }),
    ).initialize();
    const pool = poolOf(dataSource);
    const writer = new OutboxWriter(new ContractRegistry([...inventoryEventContracts, ...sagaContracts]));
    items = new PgAggregateStore(pool, stockItemTable(clock), writer);
    const reservations = new PgAggregateStore(pool, stockReservationTable(clock), writer);
    const moves = new StockMoves(items, reservations, new PgStockTransaction(dataSource));
    const creating = new CreateStockReservationHandler(moves, clock);
    const releasing = new ReleaseStockReservationHandler(moves);
    // The service's buses route to these handlers (CqrsModule); here, the two the participants use.
    const commands = {
      execute: (c: CreateStockReservationCommand | ReleaseStockReservationCommand) =>
        c instanceof CreateStockReservationCommand ? creating.execute(c) : releasing.execute(c),
    } as unknown as CommandBus;
    const views = new PgStockReservationReadModel(dataSource);
    const queries = { execute: async (q: GetStockReservationQuery) => views.get(q.id) } as unknown as QueryBus;
    const participant = new SagaParticipant(writer, rig.handlers);
    const reserve = new ReserveStockParticipant(commands, participant, queries, new PgStockItemReadModel(dataSource));
    const release = new ReleaseStockParticipant(commands, participant);

    await rig.start(pool, {
      groupId: `inventory-service.saga-${suffix}`,
      topics: [commandsTopic],
      alsoTopics: [repliesTopic],
      contracts: sagaContracts,
      answering: { 'inventory.reserve-stock': reserve, 'inventory.release-stock': release },
    });
  });

  afterAll(async () => {
    await rig.stop();
    await dataSource?.destroy();
    await db?.drop();
    propagation.disable();
    context.disable();
  });

  it('a command delivered twice: one reservation, two identical replies in its correlation and trace, caused by it', async () => {
    await createItem(`A-${suffix}`, 5);
    await createItem(`B-${suffix}`, 3);
    const orderId = randomUUID();
    const reserve = sagaCommand('inventory.reserve-stock', {
      orderId,
      lines: [
        { sku: `A-${suffix}`, quantity: 2 },
        { sku: `B-${suffix}`, quantity: 3 },
      ],
    });
    await send(reserve, reserve);
    const replies = await repliesTo(reserve, 2);
    expect(replies).toHaveLength(2);
    const [first, second] = replies.map((r) => JSON.parse(r.value!) as EventEnvelope);
    const { id: _firstId, ...answer } = first;
    const { id: _secondId, ...again } = second;
    expect(again).toEqual(answer);
    expect(answer).toMatchObject({
      type: 'inventory.reserve-stock-succeeded',
      aggregateId: reserve.aggregateId,
      correlationId: reserve.correlationId,
      causationId: reserve.id,
      payload: { id: orderId, version: 1 },
    });
    for (const { headers } of replies) {
      expect(headers).toMatchObject({ correlation_id: reserve.correlationId, causation_id: reserve.id });
      // One trace: the reply continues the command's (the consumer's span, stored with the outbox row).
      expect(headers.traceparent).toMatch(new RegExp(`^00-${traceIdOf(reserve)}-[0-9a-f]{16}-01$`));
    }
    expect(await count(`SELECT count(*)::int AS n FROM stock_reservations WHERE id = $1`, [orderId])).toBe(1);
    const reserved = await count(
      `SELECT count(*)::int AS n FROM outbox_all WHERE type = 'inventory.stock-item-reserved' AND headers->>'causation_id' = $1`,
      [reserve.id],
    );
    expect(reserved).toBe(2);
    expect(
      await count(`SELECT sum(reserved)::int AS n FROM stock_items WHERE sku = ANY($1)`, [
        [`A-${suffix}`, `B-${suffix}`],
      ]),
    ).toBe(5);

    const release = sagaCommand('inventory.release-stock', { orderId }, reserve.aggregateId);
    await send(release);
    const [, , released] = await repliesTo(reserve, 3);
    expect(JSON.parse(released.value!)).toMatchObject({
      type: 'inventory.release-stock-succeeded',
      causationId: release.id,
      payload: { id: orderId, version: 2 },
    });
    expect(
      await count(`SELECT sum(reserved)::int AS n FROM stock_items WHERE sku = ANY($1)`, [
        [`A-${suffix}`, `B-${suffix}`],
      ]),
    ).toBe(0);
  });

  it('insufficient stock: a refused reply with the lines short, nothing reserved', async () => {
    await createItem(`C-${suffix}`, 4);
    await createItem(`D-${suffix}`, 1);
    const orderId = randomUUID();
    const reserve = sagaCommand('inventory.reserve-stock', {
      orderId,
      lines: [
        { sku: `C-${suffix}`, quantity: 4 },
        { sku: `D-${suffix}`, quantity: 2 },
        { sku: `NONE-${suffix}`, quantity: 1 },
      ],
    });
    await send(reserve);
    const [reply] = await repliesTo(reserve, 1);
    expect(JSON.parse(reply.value!)).toMatchObject({
      type: 'inventory.reserve-stock-refused',
      causationId: reserve.id,
      payload: {
        reason: 'INSUFFICIENT_STOCK',
        shortLines: [
          { sku: `D-${suffix}`, requested: 2, available: 1 },
          { sku: `NONE-${suffix}`, requested: 1, available: 0 },
        ],
      },
    });
    expect(
      await count(`SELECT sum(reserved)::int AS n FROM stock_items WHERE sku = ANY($1)`, [
        [`C-${suffix}`, `D-${suffix}`],
      ]),
    ).toBe(0);
  });

  it('a malformed command goes to the DLQ with its reason, and the commands after it are answered', async () => {
    const broken = sagaCommand('inventory.reserve-stock', { orderId: randomUUID(), lines: 'all of them' });
    const after = sagaCommand('inventory.release-stock', { orderId: randomUUID() });
    await send('{ not json', broken, after);
    const letters = await readUntil(rig.kafka, dlqTopicOf(commandsTopic), (m) => m.length >= 2, 30_000);
    expect(letters.map((l) => l.headers.dlq_reason).sort()).toEqual(['invalid-payload', 'malformed']);
    const [released] = await repliesTo(after, 1);
    // A release for an order never reserved (its reservation timed out unanswered): nothing to undo, done.
    expect(JSON.parse(released.value!)).toMatchObject({
      type: 'inventory.release-stock-succeeded',
      payload: { id: (after.payload as { orderId: string }).orderId, version: 0 },
    });
  });
});
